/// A strict RFC 4180 reader for catalog files (consent rules, retention regimes): comma-separated,
/// double-quoted fields that may hold commas, doubled quotes and line breaks. Each record remembers
/// the line it starts on, so errors can name it. Shared by the package's modules, not public.
package struct CatalogCSV {
    /// One record and the line it starts on.
    package struct Record: Sendable {
        package let line: Int
        package let fields: [String]
    }

    /// A syntax error and the line it is on.
    package struct SyntaxError: Error, Sendable {
        package let line: Int
        package let reason: String
    }

    /// Parses `text` into records (the header line included); blank lines are skipped.
    package static func parse(_ text: String) throws(SyntaxError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var fieldWasQuoted = false
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var index = 0

        func finishField() throws(SyntaxError) {
            guard let value = String(validating: field, as: UTF8.self) else {
                throw SyntaxError(line: line, reason: "a field is not valid UTF-8")
            }
            fields.append(value)
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }

        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""):
                    guard field.isEmpty, !fieldWasQuoted else {
                        throw SyntaxError(
                            line: line,
                            reason: "a quote inside an unquoted field; quote the whole field and double inner quotes")
                    }
                    inQuotes = true
                    fieldWasQuoted = true
                case UInt8(ascii: ","):
                    try finishField()
                case UInt8(ascii: "\r"):
                    break
                case UInt8(ascii: "\n"):
                    try finishField()
                    if !(fields.count == 1 && fields[0].isEmpty) {
                        records.append(Record(line: recordLine, fields: fields))
                    }
                    fields.removeAll()
                    line += 1
                    recordLine = line
                default:
                    guard !fieldWasQuoted else {
                        throw SyntaxError(
                            line: line, reason: "text after a closing quote; put the whole field in quotes")
                    }
                    field.append(byte)
                }
            }
            index += 1
        }
        guard !inQuotes else {
            throw SyntaxError(line: recordLine, reason: "a quoted field is never closed")
        }
        if !field.isEmpty || !fields.isEmpty {
            try finishField()
            records.append(Record(line: recordLine, fields: fields))
        }
        return records
    }
}
