internal import CLibXML2

/// Parses a page with libxml2's XML parser, strictly (no recovery, no network, no entity
/// expansion from outside), and reports the first error. Pages that pass are XHTML-compatible:
/// every element closed, every `&` escaped, attributes quoted.
public enum XHTMLCheck {
    /// The parse error as "line N: message", or nil when `text` is well-formed XML.
    public static func error(in text: String) -> String? {
        let bytes = Array(text.utf8)
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        xmlResetLastError()
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { xmlReadMemory($0, Int32(buffer.count), "page.html", "UTF-8", options) }
            }
        }
        defer { if let document { xmlFreeDoc(document) } }
        if let last = xmlGetLastError(), last.pointee.level.rawValue >= XML_ERR_ERROR.rawValue {
            let message = last.pointee.message.map { String(cString: $0) }?.trimmingTrailingNewline ?? "unknown error"
            return "line \(last.pointee.line): \(message)"
        }
        return document == nil ? "the parser returned no document" : nil
    }
}

extension String {
    var trimmingTrailingNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
