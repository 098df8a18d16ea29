import CallVaultCore
import CallVaultCrypto
import Foundation

/// The audit log's file format: one JSON object per line, UTF-8, in a fixed field order.
///
/// ```
/// {"format":"callvault-audit/1","log":"<uuid>","signer":"<hex Ed25519 key>","created":"<time>"}
/// {"seq":1,"time":"2026-11-29T08:00:00.123Z","actor":"...","action":"...","target":"...","purpose":"...","outcome":"allowed","reasons":["..."],"event":"...","hash":"<hex>"}
/// {"checkpoint":1000,"head":"<hex>","time":"...","signature":"<hex>"}
/// ```
///
/// `purpose` and `event` are left out when absent. Readers accept exactly what writers write (a
/// line is re-encoded and compared byte for byte), so the text carries no freedom to hide a change.
enum AuditLineFormat {
    static let formatName = "callvault-audit/1"

    /// One parsed line.
    enum Line {
        case header(logID: UUID, signer: [UInt8], created: Int64)
        case entry(AuditEntry)
        case checkpoint(AuditCheckpoint)
    }

    // MARK: Writing

    static func header(logID: UUID, signer: [UInt8], created: Int64) -> [UInt8] {
        var out: [UInt8] = []
        out += Array(#"{"format":""#.utf8) + Array(formatName.utf8)
        out += Array(#"","log":""#.utf8) + Array(logID.uuidString.lowercased().utf8)
        out += Array(#"","signer":""#.utf8) + Array(Hex.encode(signer).utf8)
        out += Array(#"","created":""#.utf8)
        appendTime(created, to: &out)
        out += Array(#""}"#.utf8)
        return out
    }

    static func entry(_ entry: AuditEntry, into out: inout [UInt8]) {
        out += Array(#"{"seq":"#.utf8)
        out += Array(String(entry.sequence).utf8)
        out += Array(#","time":""#.utf8)
        appendTime(entry.timestamp, to: &out)
        out += Array(#"","actor":"#.utf8)
        appendString(entry.record.actor.rawValue, to: &out)
        out += Array(#","action":"#.utf8)
        appendString(entry.record.action.identifier, to: &out)
        out += Array(#","target":"#.utf8)
        appendString(entry.record.target, to: &out)
        if let purpose = entry.record.purpose {
            out += Array(#","purpose":"#.utf8)
            appendString(purpose.identifier, to: &out)
        }
        out += Array(#","outcome":"#.utf8)
        appendString(entry.record.outcome.rawValue, to: &out)
        out += Array(#","reasons":["#.utf8)
        for (index, reason) in entry.record.reasons.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendString(reason, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        if let event = entry.record.eventID {
            out += Array(#","event":"#.utf8)
            appendString(event, to: &out)
        }
        out += Array(#","hash":""#.utf8)
        out += Array(Hex.encode(entry.hash).utf8)
        out += Array(#""}"#.utf8)
    }

    static func checkpoint(_ checkpoint: AuditCheckpoint, into out: inout [UInt8]) {
        out += Array(#"{"checkpoint":"#.utf8)
        out += Array(String(checkpoint.sequence).utf8)
        out += Array(#","head":""#.utf8) + Array(Hex.encode(checkpoint.head).utf8)
        out += Array(#"","time":""#.utf8)
        appendTime(checkpoint.timestamp, to: &out)
        out += Array(#"","signature":""#.utf8) + Array(Hex.encode(checkpoint.signature).utf8)
        out += Array(#""}"#.utf8)
    }

    /// `2026-11-29T08:00:00.123Z`, always with milliseconds, from integer arithmetic.
    static func appendTime(_ milliseconds: Int64, to out: inout [UInt8]) {
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let millisecond = milliseconds - seconds * 1000
        let day = CivilTime.secondsPerDay
        let days = seconds >= 0 ? seconds / day : (seconds - day + 1) / day
        let secondOfDay = seconds - days * day
        let (year, month, dayOfMonth) = CivilTime.civil(fromDays: days)
        func digits(_ value: Int64, _ width: Int) {
            var text = Array(String(value).utf8)
            while text.count < width { text.insert(UInt8(ascii: "0"), at: 0) }
            out += text
        }
        digits(year, 4)
        out.append(UInt8(ascii: "-"))
        digits(month, 2)
        out.append(UInt8(ascii: "-"))
        digits(dayOfMonth, 2)
        out.append(UInt8(ascii: "T"))
        digits(secondOfDay / 3600, 2)
        out.append(UInt8(ascii: ":"))
        digits(secondOfDay % 3600 / 60, 2)
        out.append(UInt8(ascii: ":"))
        digits(secondOfDay % 60, 2)
        out.append(UInt8(ascii: "."))
        digits(millisecond, 3)
        out.append(UInt8(ascii: "Z"))
    }

    /// A JSON string: quotes, backslashes and control characters escaped, everything else as is.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array(#"\u00"#.utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    // MARK: Reading

    /// Parses one line (without its newline).
    ///
    /// - Throws: ``AuditLineError`` saying what is wrong.
    static func parse(_ line: ArraySlice<UInt8>) throws(AuditLineError) -> Line {
        var reader = Reader(bytes: line)
        if line.starts(with: Self.seqPrefix) {
            return .entry(try reader.entry())
        }
        if line.starts(with: Self.checkpointPrefix) {
            return .checkpoint(try reader.checkpoint())
        }
        if line.starts(with: Self.formatPrefix) {
            return try reader.header()
        }
        throw AuditLineError("it is neither an entry, a checkpoint nor the header")
    }

    static let seqPrefix = Array(#"{"seq":"#.utf8)
    static let checkpointPrefix = Array(#"{"checkpoint":"#.utf8)
    static let formatPrefix = Array(#"{"format":"#.utf8)

    /// A sequential reader that expects the fields in the order the writer writes them.
    struct Reader {
        let bytes: ArraySlice<UInt8>
        var index: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            self.index = bytes.startIndex
        }

        mutating func expect(_ literal: StaticString) throws(AuditLineError) {
            let count = literal.utf8CodeUnitCount
            guard bytes.endIndex - index >= count else { throw AuditLineError("it ends early, expecting \(literal)") }
            let matches = literal.withUTF8Buffer { expected in
                var i = 0
                while i < count {
                    if bytes[index + i] != expected[i] { return false }
                    i += 1
                }
                return true
            }
            guard matches else { throw AuditLineError("expected \(literal) at column \(index - bytes.startIndex + 1)") }
            index += count
        }

        mutating func peek(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard bytes.endIndex - index >= count else { return false }
            return literal.withUTF8Buffer { expected in
                var i = 0
                while i < count {
                    if bytes[index + i] != expected[i] { return false }
                    i += 1
                }
                return true
            }
        }

        mutating func integer() throws(AuditLineError) -> UInt64 {
            var value: UInt64 = 0
            let start = index
            while index < bytes.endIndex, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
                guard !overflow1, !overflow2 else { throw AuditLineError("a number is too large") }
                value = sum
                index += 1
            }
            guard index > start, index - start == 1 || bytes[start] != UInt8(ascii: "0") else {
                throw AuditLineError(
                    "expected a number without leading zeros at column \(start - bytes.startIndex + 1)")
            }
            return value
        }

        mutating func string() throws(AuditLineError) -> String {
            try expect("\"")
            var out: [UInt8] = []
            while index < bytes.endIndex {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    guard let text = String(validating: out, as: UTF8.self) else {
                        throw AuditLineError("a string is not valid UTF-8")
                    }
                    return text
                case UInt8(ascii: "\\"):
                    guard index < bytes.endIndex else { throw AuditLineError("a string ends in a backslash") }
                    let escaped = bytes[index]
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(escaped)
                    case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n"))
                    case UInt8(ascii: "r"): out.append(UInt8(ascii: "\r"))
                    case UInt8(ascii: "t"): out.append(UInt8(ascii: "\t"))
                    case UInt8(ascii: "u"):
                        guard bytes.endIndex - index >= 4,
                            let code = Hex.decode(String(decoding: bytes[index..<index + 4], as: UTF8.self)),
                            code[0] == 0, code[1] < 0x20
                        else { throw AuditLineError("only control characters are written as \\u escapes") }
                        out.append(code[1])
                        index += 4
                    default: throw AuditLineError("an unknown escape in a string")
                    }
                case 0..<0x20:
                    throw AuditLineError("a raw control character in a string")
                default:
                    out.append(byte)
                }
            }
            throw AuditLineError("a string is never closed")
        }

        mutating func hex(_ count: Int) throws(AuditLineError) -> [UInt8] {
            let text = try string()
            guard let bytes = Hex.decode(text), bytes.count == count, text == Hex.encode(bytes) else {
                throw AuditLineError("expected \(count) bytes in lower-case hexadecimal")
            }
            return bytes
        }

        mutating func time() throws(AuditLineError) -> Int64 {
            let text = try string()
            let utf8 = Array(text.utf8)
            guard utf8.count == 24, utf8[19] == UInt8(ascii: "."), utf8[23] == UInt8(ascii: "Z"),
                let whole = CivilTime.parseISO8601(String(decoding: utf8[0..<19] + [UInt8(ascii: "Z")], as: UTF8.self)),
                let millis = Int64(String(decoding: utf8[20..<23], as: UTF8.self))
            else { throw AuditLineError("expected a time like 2026-11-29T08:00:00.123Z") }
            return Int64(whole.timeIntervalSince1970.rounded()) * 1000 + millis
        }

        mutating func end() throws(AuditLineError) {
            try expect("}")
            guard index == bytes.endIndex else { throw AuditLineError("text after the closing brace") }
        }

        mutating func entry() throws(AuditLineError) -> AuditEntry {
            try expect(#"{"seq":"#)
            let sequence = try integer()
            try expect(#","time":"#)
            let time = try time()
            try expect(#","actor":"#)
            let actor = PrincipalID(try string())
            try expect(#","action":"#)
            let actionText = try string()
            guard let action = try? AuditAction(actionText) else {
                throw AuditLineError("the action '\(actionText)' is not valid")
            }
            try expect(#","target":"#)
            let target = try string()
            var purpose: Purpose?
            if peek(#","purpose":"#) {
                try expect(#","purpose":"#)
                let text = try string()
                guard let parsed = try? Purpose(text) else {
                    throw AuditLineError("the purpose '\(text)' is not valid")
                }
                purpose = parsed
            }
            try expect(#","outcome":"#)
            let outcomeText = try string()
            guard let outcome = AuditOutcome(rawValue: outcomeText) else {
                throw AuditLineError("the outcome '\(outcomeText)' is not one of allowed, denied, succeeded, failed")
            }
            try expect(#","reasons":["#)
            var reasons: [String] = []
            if !peek("]") {
                reasons.append(try string())
                while peek(",") {
                    try expect(",")
                    reasons.append(try string())
                }
            }
            try expect("]")
            var event: String?
            if peek(#","event":"#) {
                try expect(#","event":"#)
                event = try string()
            }
            try expect(#","hash":"#)
            let hash = try hex(32)
            try end()
            let record = AuditRecord(
                actor: actor, action: action, target: target, purpose: purpose, outcome: outcome, reasons: reasons,
                eventID: event)
            return AuditEntry(sequence: sequence, timestamp: time, record: record, hash: hash)
        }

        mutating func checkpoint() throws(AuditLineError) -> AuditCheckpoint {
            try expect(#"{"checkpoint":"#)
            let sequence = try integer()
            try expect(#","head":"#)
            let head = try hex(32)
            try expect(#","time":"#)
            let time = try time()
            try expect(#","signature":"#)
            let signature = try hex(64)
            try end()
            return AuditCheckpoint(sequence: sequence, head: head, timestamp: time, signature: signature)
        }

        mutating func header() throws(AuditLineError) -> Line {
            try expect(#"{"format":"#)
            let format = try string()
            guard format == AuditLineFormat.formatName else {
                throw AuditLineError("the format is '\(format)', not \(AuditLineFormat.formatName)")
            }
            try expect(#","log":"#)
            let logText = try string()
            guard let logID = UUID(uuidString: logText), logID.uuidString.lowercased() == logText else {
                throw AuditLineError("the log id is not a lower-case UUID")
            }
            try expect(#","signer":"#)
            let signer = try hex(32)
            try expect(#","created":"#)
            let created = try time()
            try end()
            return .header(logID: logID, signer: signer, created: created)
        }
    }
}

/// Why a line of an audit log could not be read.
struct AuditLineError: Error, Equatable {
    let reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
