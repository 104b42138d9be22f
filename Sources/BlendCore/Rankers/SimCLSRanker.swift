/// SimCLS-style similarity ranker (the paper's SimCLS baseline, digest section 3):
/// s_i = cos(P e(x), P e(y_i)), the cosine of the instruction's (instruction + input) and the
/// candidate's sentence embeddings from the encoder `model` (default the native
/// all-MiniLM-L6-v2; with `backend:` the model that backend serves at `/v1/embeddings`, with
/// `dimensions:` asked of it when set), through P. With `projection: 0` (the default) P is the identity and the
/// ranker is untrained. With `projection: k`, P is a learned k × H map (initialised to the
/// identity's first k rows), trained on the experiment's training data with SimCLS's margin
/// ranking loss: for candidates sorted by oracle score, every pair i < j (better i) costs
/// max(0, s_j - s_i + margin · (j - i)), and the reference output, when the data has one, must
/// score above every candidate: max(0, s_c - s_ref). AdamW per example, early stopping on the
/// validation top-1 accuracy. Deterministic; equal scores tie (broken by candidate order).
public struct SimCLSRanker: PointwiseRanker, TrainableRanker, EncoderUser, BackendUser, Configurable {
    public static let id = "simcls"
    public static let version = 1
    public static let reads: ExampleInputs = [.source, .candidates]

    public struct Parameters: ComponentParameters {
        public var model = EncoderParameters.defaultModel
        /// A backend serving `/v1/embeddings`; then `model` is the served model.
        public var backend: String?
        public var dimensions: Int?
        /// 0: no projection (untrained); k: a learned k x H projection.
        public var projection = 0
        public var margin = 0.01
        public var training = TrainingSettings(maxEpochs: 10, patience: 3, learningRate: 1e-3, weightDecay: 0)
        public init() {}

        public func validate() throws {
            guard projection >= 0 else { throw ParameterError.invalid(key: "projection", message: "must be 0 (none) or the projected size") }
            guard margin >= 0 else { throw ParameterError.invalid(key: "margin", message: "must be 0 or more") }
            try training.validate()
            try SentenceEncoderChoice.validate(backend: backend, dimensions: dimensions)
        }

        var encoder: SentenceEncoderChoice { SentenceEncoderChoice(model: model, backend: backend, dimensions: dimensions) }
    }

    public let params: Parameters
    public var weights: TrainedWeights?

    public init(_ params: Parameters = .init()) { self.params = params }

    public var learns: Bool { params.projection > 0 }
    public var encoderModels: [String] { params.encoder.encoderModels }
    public var backendNames: [String] { params.encoder.backendNames }
    public var keysEmptyBackends: Bool { false }

    /// Without a projection only the encoder matters (the training settings have no effect).
    public var parameters: JSONValue {
        if learns { return withWeights(params.json) }
        var o: [String: JSONValue] = ["model": .string(params.model)]
        if let backend = params.backend { o["backend"] = .string(backend) }
        if let dimensions = params.dimensions { o["dimensions"] = .int(dimensions) }
        return .object(o)
    }

    public var displayName: String {
        let encoder = EncoderParameters.with { $0.model = params.model; $0.backend = params.backend; $0.dimensions = params.dimensions }
        guard learns else { return encoder.label(Self.id) }
        let label = encoder.label("")
        return "\(Self.id)(projection=\(params.projection)" + (label.isEmpty ? ")" : "," + label.dropFirst())
    }

    public func with(weights: TrainedWeights) -> SimCLSRanker {
        var copy = self
        copy.weights = weights
        return copy
    }

    public func scores(for example: Example, context: ComponentContext) async throws -> [Double] {
        let (query, candidates) = try await embeddings(example, extra: [], context: context)
        guard learns else { return candidates.map { Double(Projection.cosine(query, $0).value) } }
        guard let p = weights?.projection else { throw TrainingError.untrained(component: Self.id) }
        let q = p.apply(query)
        return candidates.map { Double(Projection.cosine(q, p.apply($0)).value) }
    }

    func embeddings(_ example: Example, extra: [String], context: ComponentContext) async throws -> ([Float], [[Float]]) {
        let encoder = try await params.encoder.encoder(context, component: Self.id)
        let vectors = try await encoder.sentenceEmbeddings([example.source] + example.candidates.map(\.text) + extra)
        return (vectors[0], Array(vectors.dropFirst()))
    }

    public func train(on data: TrainingData, context: ComponentContext, log: @escaping @Sendable (String) -> Void) async throws -> TrainedWeights {
        struct Item { var query: [Float]; var candidates: [[Float]]; var reference: [Float]?; var ranks: [Int]; var scores: [Double] }
        func items(_ examples: [Example]) async throws -> [Item] {
            var out: [Item] = []
            for e in examples where e.candidates.count >= 2 {
                let reference = context.reference.flatMap { e.references[$0] }
                let (q, c) = try await embeddings(e, extra: reference.map { [$0] } ?? [], context: context)
                out.append(Item(query: q, candidates: reference == nil ? c : Array(c.dropLast()), reference: reference == nil ? nil : c.last,
                                ranks: e.oracleRanks, scores: e.oracle.oracleScores(models: e.candidates.map(\.model))))
            }
            return out
        }
        let train = try await items(data.train), validation = try await items(data.validation)
        guard let dimension = train.first?.query.count else { throw TrainingError.noSamples }
        var p = Projection(rows: min(params.projection, dimension), columns: dimension)
        var optimiser = AdamW(count: p.values.count, learningRate: Float(params.training.learningRate), weightDecay: Float(params.training.weightDecay))
        func accuracy(_ p: Projection) -> Double {
            let hits = validation.filter { item in
                let q = p.apply(item.query)
                let s = item.candidates.map { Double(Projection.cosine(q, p.apply($0)).value) }
                return Ranking.order(scores: s).first.map { item.ranks[$0] == 1 } ?? false
            }.count
            return validation.isEmpty ? 0 : Double(hits) / Double(validation.count)
        }
        var report = TrainingReport(trainExamples: data.train.count, validationExamples: data.validation.count,
                                    validationSamples: validation.count, trainLoss: [], validationLoss: [],
                                    validationAccuracy: [], bestEpoch: 1, samplesSeen: 0)
        var best = p, bestAccuracy = -1.0
        for epoch in 1...params.training.maxEpochs {
            var order = Array(train.indices)
            var g = SeededGenerator(seed: context.seed, purpose: "simcls-epoch-\(epoch)")
            order.shuffle(using: &g)
            var total = 0.0
            for i in order {
                let (loss, gradient) = lossAndGradient(p, train[i].query, train[i].candidates, train[i].reference, train[i].scores)
                total += loss
                optimiser.update(&p.values, gradient: gradient)
            }
            report.samplesSeen += train.count
            let validationLoss = validation.reduce(0.0) { $0 + lossAndGradient(p, $1.query, $1.candidates, $1.reference, $1.scores).loss }
            let acc = accuracy(p)
            report.trainLoss.append(total / Double(max(train.count, 1)))
            report.validationLoss.append(validationLoss / Double(max(validation.count, 1)))
            report.validationAccuracy.append(acc)
            log("    epoch \(epoch): train loss \(TrainingReport.f(report.trainLoss.last!)), validation accuracy \(TrainingReport.f(acc))")
            if acc > bestAccuracy { bestAccuracy = acc; best = p; report.bestEpoch = epoch }
            else if epoch - report.bestEpoch >= params.training.patience { break }
        }
        return TrainedWeights(projection: best, report: report)
    }

    /// The margin ranking loss of one example and its gradient with respect to P.
    func lossAndGradient(_ p: Projection, _ query: [Float], _ candidates: [[Float]], _ reference: [Float]?,
                         _ scores: [Double]) -> (loss: Double, gradient: [Float]) {
        let u = p.apply(query)
        let vs = (candidates + (reference.map { [$0] } ?? [])).map(p.apply)
        let cos = vs.map { Projection.cosine(u, $0) }
        var coefficient = [Float](repeating: 0, count: vs.count)   // d loss / d s_k
        var loss = 0.0
        let sorted = candidates.indices.sorted { (scores[$0], -$0) > (scores[$1], -$1) }
        for a in sorted.indices {
            for b in sorted.indices where b > a && scores[sorted[a]] > scores[sorted[b]] {
                let i = sorted[a], j = sorted[b]
                let violation = Double(cos[j].value - cos[i].value) + params.margin * Double(b - a)
                if violation > 0 { loss += violation; coefficient[j] += 1; coefficient[i] -= 1 }
            }
        }
        if reference != nil {
            let r = vs.count - 1
            for k in candidates.indices where cos[k].value > cos[r].value {
                loss += Double(cos[k].value - cos[r].value)
                coefficient[k] += 1
                coefficient[r] -= 1
            }
        }
        var gradient = [Float](repeating: 0, count: p.values.count)
        for (k, c) in coefficient.enumerated() where c != 0 {
            let x = k < candidates.count ? candidates[k] : reference!
            for row in 0..<p.rows {
                let gu = c * cos[k].du[row], gv = c * cos[k].dv[row]
                let base = row * p.columns
                for col in 0..<p.columns { gradient[base + col] += gu * query[col] + gv * x[col] }
            }
        }
        return (loss, gradient)
    }
}
