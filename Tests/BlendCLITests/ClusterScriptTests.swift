import Foundation
import Testing

/// Runs a command with extra environment variables; returns exit status, stdout and stderr.
func shell(_ arguments: [String], in directory: String, environment: [String: String]) throws -> (status: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

/// A stand-in for Slurm's sbatch: runs the batch script at once (array tasks in parallel, each
/// with SLURM_ARRAY_TASK_ID), writes its output where --output says (%a = task id), records its
/// options in sbatch.calls, prints a job id and fails like Slurm's afterok would when a job failed.
private let fakeSbatch = #"""
    #!/usr/bin/env bash
    set -u
    array= output=slurm.out opts=()
    while [[ $1 == --* ]]; do
      opts+=("$1")
      case $1 in --array=*) array=${1#--array=} ;; --output=*) output=${1#--output=} ;; esac
      shift
    done
    echo "${opts[*]}" >> sbatch.calls
    if [ -f sbatch.failed ]; then echo "sbatch: dependency never satisfied" >&2; exit 1; fi
    export SLURM_SUBMIT_DIR=$PWD
    if [ -n "$array" ]; then
      pids=()
      for ((t = ${array%-*}; t <= ${array#*-}; t++)); do
        SLURM_ARRAY_TASK_ID=$t bash "$@" > "${output//%a/$t}" 2>&1 & pids+=($!)
      done
      for p in "${pids[@]}"; do wait "$p" || touch sbatch.failed; done
    else
      bash "$@" > "$output" 2>&1 || touch sbatch.failed
    fi
    echo $((RANDOM + 1000))
    """#

@Test("integration: scripts/cluster/local.sh runs 4 shards with xargs -P, merges and renders the unsharded result")
func localClusterScript() throws {
    let dir = try scratch()
    try shardData(20, to: dir + "/data.jsonl")
    try shardExperiment(in: dir)
    let run = try shell([packageRoot + "/scripts/cluster/local.sh", "shards.yaml", "4"], in: dir,
                        environment: ["BLENDLAB": binary, "WORK": dir + "/work", "RESULTS": dir + "/sharded"])
    #expect(run.status == 0, "\(run.err)")
    #expect(run.err.contains("served entirely from the cache"), "\(run.err)")
    for i in 0..<4 {
        let log = try String(contentsOfFile: dir + "/work/shard-\(i).log", encoding: .utf8)
        #expect(log.contains("shard \(i)/4: "), "\(log)")
    }
    let plain = try blendlab(["run", "shards.yaml", "--cache", "plain.sqlite", "--results", "plain"], in: dir)
    #expect(plain.status == 0, "\(plain.err)")
    #expect(try resultWithoutProvenance(dir + "/sharded/shards") == resultWithoutProvenance(dir + "/plain/shards"))
}

@Test("integration: scripts/cluster/slurm-array.sh submits train, a 3-task array and a dependent merge-and-report job")
func slurmArrayScript() throws {
    let dir = try scratch()
    try shardData(15, to: dir + "/data.jsonl")
    try shardExperiment(in: dir)
    try FileManager.default.createDirectory(atPath: dir + "/bin", withIntermediateDirectories: true)
    try Data(fakeSbatch.utf8).write(to: URL(fileURLWithPath: dir + "/bin/sbatch"))
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir + "/bin/sbatch")
    let path = dir + "/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    let submit = try shell([packageRoot + "/scripts/cluster/slurm-array.sh", "shards.yaml", "3"], in: dir,
                           environment: ["PATH": path, "BLENDLAB": binary, "SBATCH_ARGS": "--time=00:10:00"])
    #expect(submit.status == 0, "\(submit.err)")
    #expect(submit.out.contains("submitted: train ") && submit.out.contains("(array 0-2), merge and report "), "\(submit.out)")
    let calls = try String(contentsOfFile: dir + "/sbatch.calls", encoding: .utf8).split(separator: "\n")
    #expect(calls.count == 3)
    #expect(calls.allSatisfy { $0.hasPrefix("--parsable --time=00:10:00 --job-name=blendlab-") })
    #expect(calls[1].contains("--array=0-2 --dependency=afterok:") && calls[2].contains("--dependency=afterok:"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/sbatch.failed"), "a job failed")
    let merge = try String(contentsOfFile: dir + "/.blendlab/shards/shards/logs/merge.log", encoding: .utf8)
    #expect(merge.contains("served entirely from the cache"), "\(merge)")
    let plain = try blendlab(["run", "shards.yaml", "--cache", "plain.sqlite", "--results", "plain"], in: dir)
    #expect(plain.status == 0, "\(plain.err)")
    #expect(try resultWithoutProvenance(dir + "/results/shards") == resultWithoutProvenance(dir + "/plain/shards"))
}
