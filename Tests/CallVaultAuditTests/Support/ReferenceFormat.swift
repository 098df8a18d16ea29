import CallVaultCrypto
import Foundation

/// The audit log format written again from the "Audit" article alone, without the library's code:
/// tests check that the library's files match it byte for byte, and use it to forge lines the way
/// an attacker who read the article would.
enum Reference {
    static let entryDomain = Array("callvault-audit/1 entry".utf8)
    static let genesisDomain = Array("callvault-audit/1 genesis".utf8)
    static let checkpointDomain = Array("callvault-audit/1 checkpoint".utf8)

    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    static func blake2b(_ bytes: [UInt8]) -> [UInt8] {
        (try? BLAKE2b.hash(bytes, outputByteCount: 32).bytes) ?? []
    }

    static func u64(_ value: UInt64) -> [UInt8] {
        (0..<8).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    static func field(_ text: String) -> [UInt8] {
        u64(UInt64(text.utf8.count)) + Array(text.utf8)
    }

    static func optional(_ text: String?) -> [UInt8] {
        text.map { [1] + field($0) } ?? [0]
    }

    static func uuidBytes(_ id: UUID) -> [UInt8] {
        withUnsafeBytes(of: id.uuid) { Array($0) }
    }

    static func genesis(logID: UUID, signer: [UInt8], created: Int64) -> [UInt8] {
        blake2b(
            genesisDomain + uuidBytes(logID) + u64(UInt64(signer.count)) + signer
                + u64(UInt64(bitPattern: created)))
    }

    static func checkpointMessage(logID: UUID, sequence: UInt64, head: [UInt8], time: Int64) -> [UInt8] {
        checkpointDomain + uuidBytes(logID) + u64(sequence) + head + u64(UInt64(bitPattern: time))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func unhex(_ text: String) throws -> [UInt8] {
        let characters = Array(text.utf8)
        guard characters.count % 2 == 0 else { throw Malformed(description: "odd hex \(text)") }
        return try stride(from: 0, to: characters.count, by: 2).map { index in
            guard let byte = UInt8(String(decoding: characters[index..<index + 2], as: UTF8.self), radix: 16) else {
                throw Malformed(description: "bad hex \(text)")
            }
            return byte
        }
    }

    /// JSON string text: `"` and `\` escaped, `\n` `\r` `\t` by letter, other controls as `\u00xx`.
    static func json(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` from milliseconds since 1970.
    static func time(_ milliseconds: Int64) -> String {
        let seconds = Int64((Double(milliseconds) / 1000).rounded(.down))
        let millis = milliseconds - seconds * 1000
        let parts = utc.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: Double(seconds)))
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
            parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0, Int(millis))
    }

    static func parseTime(_ text: String) throws -> Int64 {
        let numbers = text.split(whereSeparator: { "-T:.Z".contains($0) }).compactMap { Int($0) }
        guard numbers.count == 7,
            let date = utc.date(
                from: DateComponents(
                    year: numbers[0], month: numbers[1], day: numbers[2], hour: numbers[3], minute: numbers[4],
                    second: numbers[5]))
        else { throw Malformed(description: "bad time \(text)") }
        return Int64(date.timeIntervalSince1970.rounded()) * 1000 + Int64(numbers[6])
    }

    static func object(_ line: [UInt8]) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
            throw Malformed(description: "not an object")
        }
        return object
    }

    static func string(_ object: [String: Any], _ key: String) throws -> String {
        guard let value = object[key] as? String else { throw Malformed(description: "no \(key)") }
        return value
    }

    static func number(_ object: [String: Any], _ key: String) throws -> UInt64 {
        guard let value = object[key] as? NSNumber else { throw Malformed(description: "no \(key)") }
        return value.uint64Value
    }
}

/// The header line.
struct ReferenceHeader: Equatable {
    var logID: UUID
    var signer: [UInt8]
    var created: Int64

    init(logID: UUID, signer: [UInt8], created: Int64) {
        self.logID = logID
        self.signer = signer
        self.created = created
    }

    init(line: [UInt8]) throws {
        let object = try Reference.object(line)
        guard try Reference.string(object, "format") == "callvault-audit/1",
            let logID = UUID(uuidString: try Reference.string(object, "log"))
        else { throw Reference.Malformed(description: "not a header") }
        self.logID = logID
        signer = try Reference.unhex(try Reference.string(object, "signer"))
        created = try Reference.parseTime(try Reference.string(object, "created"))
    }

    var line: [UInt8] {
        Array(
            (#"{"format":"callvault-audit/1","log":""# + logID.uuidString.lowercased() + #"","signer":""#
                + Reference.hex(signer) + #"","created":""# + Reference.time(created) + #""}"#).utf8)
    }

    var genesis: [UInt8] { Reference.genesis(logID: logID, signer: signer, created: created) }
}

/// An entry line.
struct ReferenceEntry: Equatable {
    var sequence: UInt64
    var time: Int64
    var actor: String
    var action: String
    var target: String
    var purpose: String?
    var outcome: String
    var reasons: [String]
    var event: String?
    var hash: [UInt8]

    init(line: [UInt8]) throws {
        let object = try Reference.object(line)
        sequence = try Reference.number(object, "seq")
        time = try Reference.parseTime(try Reference.string(object, "time"))
        actor = try Reference.string(object, "actor")
        action = try Reference.string(object, "action")
        target = try Reference.string(object, "target")
        purpose = object["purpose"] as? String
        outcome = try Reference.string(object, "outcome")
        reasons = object["reasons"] as? [String] ?? []
        event = object["event"] as? String
        hash = try Reference.unhex(try Reference.string(object, "hash"))
    }

    /// The bytes the hash covers after the previous hash.
    var canonical: [UInt8] {
        var bytes = Reference.u64(sequence) + Reference.u64(UInt64(bitPattern: time))
        bytes += Reference.field(actor) + Reference.field(action) + Reference.field(target)
        bytes += Reference.optional(purpose) + Reference.field(outcome)
        bytes += Reference.u64(UInt64(reasons.count)) + reasons.flatMap(Reference.field)
        bytes += Reference.optional(event)
        return bytes
    }

    func expectedHash(previous: [UInt8]) -> [UInt8] {
        Reference.blake2b(Reference.entryDomain + previous + canonical)
    }

    var line: [UInt8] {
        var text = #"{"seq":\#(sequence),"time":"\#(Reference.time(time))","actor":\#(Reference.json(actor))"#
        text += #","action":\#(Reference.json(action)),"target":\#(Reference.json(target))"#
        if let purpose { text += #","purpose":\#(Reference.json(purpose))"# }
        text += #","outcome":\#(Reference.json(outcome)),"reasons":["#
        text += reasons.map(Reference.json).joined(separator: ",") + "]"
        if let event { text += #","event":\#(Reference.json(event))"# }
        text += #","hash":"\#(Reference.hex(hash))"}"#
        return Array(text.utf8)
    }
}

/// A checkpoint line.
struct ReferenceCheckpoint: Equatable {
    var sequence: UInt64
    var head: [UInt8]
    var time: Int64
    var signature: [UInt8]

    init(sequence: UInt64, head: [UInt8], time: Int64, signature: [UInt8]) {
        self.sequence = sequence
        self.head = head
        self.time = time
        self.signature = signature
    }

    init(line: [UInt8]) throws {
        let object = try Reference.object(line)
        sequence = try Reference.number(object, "checkpoint")
        head = try Reference.unhex(try Reference.string(object, "head"))
        time = try Reference.parseTime(try Reference.string(object, "time"))
        signature = try Reference.unhex(try Reference.string(object, "signature"))
    }

    var line: [UInt8] {
        Array(
            (#"{"checkpoint":\#(sequence),"head":"\#(Reference.hex(head))","time":"\#(Reference.time(time))","signature":"\#(Reference.hex(signature))"}"#)
                .utf8)
    }

    /// Signs the checkpoint with `key` for `logID`, as the log does.
    mutating func sign(with key: SigningKey, logID: UUID) throws {
        signature = try key.signature(
            for: Reference.checkpointMessage(logID: logID, sequence: sequence, head: head, time: time)
        ).rawRepresentation
    }
}

extension LogLines {
    /// Recomputes the hash of every entry from `line` on, as an attacker who knows the format
    /// would after editing one; checkpoints are left as they are.
    mutating func rehash(from line: Int) throws {
        var previous = try ReferenceHeader(line: self[1]).genesis
        for number in 2...lines.count {
            guard case .entry = kind(number) else { continue }
            var entry = try ReferenceEntry(line: self[number])
            if number >= line {
                entry.hash = entry.expectedHash(previous: previous)
                self[number] = entry.line
            }
            previous = entry.hash
        }
    }

    /// Re-signs every checkpoint with `key` after a rewrite, heads taken from the entries before them.
    mutating func resign(with key: SigningKey) throws {
        let logID = try ReferenceHeader(line: self[1]).logID
        var head: [UInt8] = []
        for number in 2...lines.count {
            switch kind(number) {
            case .entry: head = try ReferenceEntry(line: self[number]).hash
            case .checkpoint:
                var checkpoint = try ReferenceCheckpoint(line: self[number])
                checkpoint.head = head
                try checkpoint.sign(with: key, logID: logID)
                self[number] = checkpoint.line
            default: break
            }
        }
    }
}
