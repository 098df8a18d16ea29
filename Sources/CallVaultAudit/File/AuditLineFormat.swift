import CallVaultCore
import CallVaultCrypto
import CallVaultSupport
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

    // Entries are written (and, by the verifier, re-written) a million times over, so their fields
    // go straight into `out`, without intermediate strings or arrays.
    static func entry(_ entry: AuditEntry, into out: inout [UInt8]) {
        appendLiteral(#"{"seq":"#, to: &out)
        appendDigits(entry.sequence, width: 1, to: &out)
        appendLiteral(#","time":""#, to: &out)
        appendTime(entry.timestamp, to: &out)
        appendLiteral(#"","actor":"#, to: &out)
        appendString(entry.record.actor.rawValue, to: &out)
        appendLiteral(#","action":"#, to: &out)
        appendString(entry.record.action.identifier, to: &out)
        appendLiteral(#","target":"#, to: &out)
        appendString(entry.record.target, to: &out)
        if let purpose = entry.record.purpose {
            appendLiteral(#","purpose":"#, to: &out)
            appendString(purpose.identifier, to: &out)
        }
        appendLiteral(#","outcome":"#, to: &out)
        appendString(entry.record.outcome.rawValue, to: &out)
        appendLiteral(#","reasons":["#, to: &out)
        for (index, reason) in entry.record.reasons.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendString(reason, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        if let event = entry.record.eventID {
            appendLiteral(#","event":"#, to: &out)
            appendString(event, to: &out)
        }
        appendLiteral(#","hash":""#, to: &out)
        Hex.append(entry.hash, to: &out)
        appendLiteral(#""}"#, to: &out)
    }

    /// A literal's bytes.
    @inline(__always)
    static func appendLiteral(_ literal: StaticString, to out: inout [UInt8]) {
        literal.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// `value` in decimal with zeros in front up to `width` digits: `String(value)` for width 1.
    static func appendDigits(_ value: UInt64, width: Int, to out: inout [UInt8]) {
        var count = 1
        var rest = value / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(count, width)))
        var position = out.count - 1
        rest = value
        while rest > 0 {
            out[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
            position -= 1
        }
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
            guard value < 0 else { return appendDigits(UInt64(value), width: width, to: &out) }
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
        // Most strings need no escape: their bytes go in at once.
        let plain = text.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            guard !utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 })
            else { return false }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: utf8)
            out.append(UInt8(ascii: "\""))
            return true
        }
        if plain == true { return }
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
        var isWrittenForm = false
        return try parse(line, isWrittenForm: &isWrittenForm)
    }

    /// Parses one line (without its newline), and for an entry tells whether the line is
    /// necessarily byte for byte what ``entry(_:into:)`` writes for it, so that re-encoding it to
    /// compare can be skipped: every string was read without an escape, the time and the hash in
    /// their one written form, and the other fields are read only in their written form anyway.
    /// `false` means only that the comparison is needed.
    ///
    /// - Throws: ``AuditLineError`` saying what is wrong.
    static func parse(_ line: ArraySlice<UInt8>, isWrittenForm: inout Bool) throws(AuditLineError) -> Line {
        var reader = Reader(bytes: line)
        isWrittenForm = false
        if line.starts(with: Self.seqPrefix) {
            let entry = try reader.entry()
            isWrittenForm = reader.isWrittenForm
            return .entry(entry)
        }
        // Checkpoints and the header are compared with their re-encoding here, so no second spelling
        // of the same values (a `t` for `T` in a time) slips past a signature or the genesis hash.
        // Entries are compared by the verifier, which needs their sequence number for its report.
        if line.starts(with: Self.checkpointPrefix) {
            let checkpoint = try reader.checkpoint()
            var encoded: [UInt8] = []
            Self.checkpoint(checkpoint, into: &encoded)
            guard encoded.elementsEqual(line) else {
                throw AuditLineError("the checkpoint is not written the way the log writes checkpoints")
            }
            return .checkpoint(checkpoint)
        }
        if line.starts(with: Self.formatPrefix) {
            let header = try reader.header()
            guard case .header(let logID, let signer, let created) = header,
                Self.header(logID: logID, signer: signer, created: created).elementsEqual(line)
            else { throw AuditLineError("the header is not written the way the log writes its header") }
            return header
        }
        throw AuditLineError("it is neither an entry, a checkpoint nor the header")
    }

    /// The index of the first newline in `bytes` from `start` (`firstIndex(of:)`, with `memchr`).
    static func newline(in bytes: [UInt8], from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        return bytes.withUnsafeBytes { buffer -> Int? in
            guard let base = buffer.baseAddress, let found = memchr(base + start, 0x0A, buffer.count - start) else {
                return nil
            }
            return base.distance(to: UnsafeRawPointer(found))
        }
    }

    /// Whether `line` holds exactly the bytes of `encoded` (what `elementsEqual` says, in one
    /// `memcmp`: the verifier compares every entry with its re-encoding).
    static func isWritten(_ encoded: [UInt8], as line: ArraySlice<UInt8>) -> Bool {
        guard encoded.count == line.count else { return false }
        return encoded.withUnsafeBytes { encoded in
            line.withUnsafeBytes { line in
                guard let left = encoded.baseAddress, let right = line.baseAddress else { return true }
                return memcmp(left, right, encoded.count) == 0
            }
        }
    }

    /// Whether `bytes` are the start of a header line, or a header line cut short: how a first
    /// line torn by a crash is told from a file that is not an audit log.
    /// Whether a line holds a zero byte: what blocks a crash left unwritten read as on some file
    /// systems. The writer never writes one (control characters are escaped), so a whole line with
    /// one is damage from a crash, while a whole line without one that does not read was written
    /// that way.
    static func holdsUnwrittenBytes(_ line: ArraySlice<UInt8>) -> Bool {
        line.contains(0)
    }

    static func couldBeHeader(_ bytes: ArraySlice<UInt8>) -> Bool {
        let start = Array(#"{"format":""#.utf8) + Array(formatName.utf8)
        return bytes.starts(with: start) || start.starts(with: bytes)
    }

    static let seqPrefix = Array(#"{"seq":"#.utf8)
    static let checkpointPrefix = Array(#"{"checkpoint":"#.utf8)
    static let formatPrefix = Array(#"{"format":"#.utf8)

    /// A sequential reader that expects the fields in the order the writer writes them.
    struct Reader {
        let bytes: ArraySlice<UInt8>
        var index: Int
        /// Whether every string, time and hash so far was in the one form the writer writes.
        var isWrittenForm = true

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            self.index = bytes.startIndex
        }

        mutating func expect(_ literal: StaticString) throws(AuditLineError) {
            let count = literal.utf8CodeUnitCount
            guard bytes.endIndex - index >= count else { throw AuditLineError("it ends early, expecting \(literal)") }
            guard matches(literal) else {
                throw AuditLineError("expected \(literal) at column \(index - bytes.startIndex + 1)")
            }
            index += count
        }

        /// Whether the bytes at `index` are `literal`'s; the caller has checked that there are
        /// enough of them.
        func matches(_ literal: StaticString) -> Bool {
            literal.withUTF8Buffer { expected in
                bytes.withUnsafeBufferPointer { line in
                    guard let start = line.baseAddress, let other = expected.baseAddress else {
                        return expected.isEmpty
                    }
                    return memcmp(start + (index - bytes.startIndex), other, expected.count) == 0
                }
            }
        }

        mutating func peek(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard bytes.endIndex - index >= count else { return false }
            return matches(literal)
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
            if let text = try plainString() { return text }
            isWrittenForm = false
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

        /// The string at `index` when it holds no escape and no control character, made straight
        /// from the line's bytes; `nil`, with `index` left where it was, for `string()` to read it
        /// byte by byte (and name what is wrong).
        mutating func plainString() throws(AuditLineError) -> String? {
            guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") else { return nil }
            let first = index + 1
            let scan = bytes.withUnsafeBufferPointer { line -> (end: Int, ascii: Bool)? in
                var position = first - bytes.startIndex
                var ascii = true
                while position < line.count {
                    let byte = line[position]
                    if byte == UInt8(ascii: "\"") { return (bytes.startIndex + position, ascii) }
                    if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                    if byte >= 0x80 { ascii = false }
                    position += 1
                }
                return nil
            }
            guard let (end, ascii) = scan else { return nil }
            let utf8 = bytes[first..<end]
            // ASCII is valid UTF-8, so decoding it cannot repair anything.
            let text =
                ascii
                ? utf8.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
                : String(validating: utf8, as: UTF8.self)
            guard let text else { throw AuditLineError("a string is not valid UTF-8") }
            index = end + 1
            return text
        }

        mutating func hex(_ count: Int) throws(AuditLineError) -> [UInt8] {
            if let decoded = plainHex(count) { return decoded }
            isWrittenForm = false
            let text = try string()
            guard let bytes = Hex.decode(text), bytes.count == count, text == Hex.encode(bytes) else {
                throw AuditLineError("expected \(count) bytes in lower-case hexadecimal")
            }
            return bytes
        }

        /// Exactly `2 * count` lower-case hexadecimal digits between quotes, decoded; `nil`, with
        /// `index` left where it was, for anything else.
        mutating func plainHex(_ count: Int) -> [UInt8]? {
            let start = index + 1
            guard bytes.endIndex - index >= 2 * count + 2, bytes[index] == UInt8(ascii: "\""),
                bytes[start + 2 * count] == UInt8(ascii: "\"")
            else { return nil }
            let offset = start - bytes.startIndex
            let decoded = bytes.withUnsafeBufferPointer { line -> [UInt8]? in
                // Without a branch per digit: digits are random, so branches would be mispredicted.
                var seen: UInt8 = 0
                let decoded = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                    for position in 0..<count {
                        let high = Self.nibble(line[offset + 2 * position])
                        let low = Self.nibble(line[offset + 2 * position + 1])
                        seen |= high | low
                        buffer[position] = high << 4 | low
                    }
                    initialized = count
                }
                return seen < 16 ? decoded : nil
            }
            guard let decoded else { return nil }
            index = start + 2 * count + 1
            return decoded
        }

        static let knownActions: [AuditAction] = [
            .accessDecision, .grantUse, .keyUnwrap, .keyRewrap, .holdPlaced, .holdReleaseRequested, .holdReleased,
            .recordingDeleted, .recordingRestricted, .breakGlass,
        ]

        /// The value of a lower-case hexadecimal digit; 255 for any other byte.
        @inline(__always)
        static func nibble(_ byte: UInt8) -> UInt8 {
            let digit = byte &- UInt8(ascii: "0")
            let letter = byte &- UInt8(ascii: "a")
            return digit < 10 ? digit : letter < 6 ? letter &+ 10 : 0xFF
        }

        /// A time between quotes exactly as the writer writes it (`2026-11-29T08:00:00.123Z`, a
        /// real date and time of day), in milliseconds; `nil`, with `index` left where it was, for
        /// `time()` to read any other text the long way.
        mutating func plainTime() -> Int64? {
            let start = index + 1
            guard bytes.endIndex - index >= 26, bytes[index] == UInt8(ascii: "\""),
                bytes[start + 24] == UInt8(ascii: "\""), bytes[start + 4] == UInt8(ascii: "-"),
                bytes[start + 7] == UInt8(ascii: "-"), bytes[start + 10] == UInt8(ascii: "T"),
                bytes[start + 13] == UInt8(ascii: ":"), bytes[start + 16] == UInt8(ascii: ":"),
                bytes[start + 19] == UInt8(ascii: "."), bytes[start + 23] == UInt8(ascii: "Z"),
                let year = digits(at: start, count: 4), let month = digits(at: start + 5, count: 2),
                let day = digits(at: start + 8, count: 2), let hour = digits(at: start + 11, count: 2),
                let minute = digits(at: start + 14, count: 2), let second = digits(at: start + 17, count: 2),
                let millisecond = digits(at: start + 20, count: 3), (1...12).contains(month),
                (1...CivilTime.daysInMonth(year: year, month: month)).contains(day), hour < 24, minute < 60,
                second < 60
            else { return nil }
            let days = CivilTime.days(fromCivilYear: year, month: month, day: day)
            index = start + 25
            return (days * CivilTime.secondsPerDay + hour * 3600 + minute * 60 + second) * 1000 + millisecond
        }

        /// The decimal number in `count` bytes from `position`, if they are all digits.
        func digits(at position: Int, count: Int) -> Int64? {
            var value: Int64 = 0
            for offset in position..<position + count {
                let byte = bytes[offset]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }

        mutating func time() throws(AuditLineError) -> Int64 {
            if let milliseconds = plainTime() { return milliseconds }
            isWrittenForm = false
            let text = try string()
            let utf8 = Array(text.utf8)
            guard utf8.count == 24, utf8[19] == UInt8(ascii: "."), utf8[23] == UInt8(ascii: "Z"),
                utf8[20..<23].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
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
            // A log is evidence: its actors are read back as written, valid ids or not.
            let actor = PrincipalID(recorded: try string())
            try expect(#","action":"#)
            let actionText = try string()
            // The actions CallVault names are known valid: no need to validate their text again.
            guard
                let action = Self.knownActions.first(where: { $0.identifier == actionText })
                    ?? (try? AuditAction(actionText))
            else { throw AuditLineError("the action '\(actionText)' is not valid") }
            try expect(#","target":"#)
            let target = try string()
            var purpose: Purpose?
            if peek(#","purpose":"#) {
                try expect(#","purpose":"#)
                let text = try string()
                // The standard purposes are known valid: no need to validate their text again.
                guard let parsed = Purpose.standard.first(where: { $0.identifier == text }) ?? (try? Purpose(text))
                else {
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
