import CallVaultCore
import CallVaultCrypto
import Foundation
import Testing

@testable import CallVaultAudit

/// The line format's pieces: times to the millisecond, string escapes, strict readers.
@Suite("Audit line format")
struct AuditLineFormatTests {
    @Test(
        "times are written with milliseconds and read back to the same value",
        arguments: [
            (Int64(0), "1970-01-01T00:00:00.000Z"),
            (-1, "1969-12-31T23:59:59.999Z"),
            (-1000, "1969-12-31T23:59:59.000Z"),
            (999, "1970-01-01T00:00:00.999Z"),
            (1_795_000_000_250, "2026-11-18T11:06:40.250Z"),
            (951_782_400_000, "2000-02-29T00:00:00.000Z"),
            (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
        ])
    func times(milliseconds: Int64, text: String) throws {
        var out: [UInt8] = []
        AuditLineFormat.appendTime(milliseconds, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == text)
        #expect(Reference.time(milliseconds) == text)
        let checkpoint = AuditCheckpoint(
            sequence: 1, head: [UInt8](repeating: 1, count: 32), timestamp: milliseconds,
            signature: [UInt8](repeating: 2, count: 64))
        var line: [UInt8] = []
        AuditLineFormat.checkpoint(checkpoint, into: &line)
        guard case .checkpoint(let read) = try AuditLineFormat.parse(line[...]) else {
            Issue.record("not read back as a checkpoint")
            return
        }
        #expect(read == checkpoint)
    }

    @Test("every control character, quote, backslash and non-ASCII text survives a round trip")
    func strings() throws {
        let awkward = String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self) + "\"\\/ü中🎧\u{7F}"
        let record = AuditRecord(
            // Logs written before ids were validated may hold any actor: the format must carry it.
            actor: PrincipalID(recorded: awkward), action: .keyRewrap, target: awkward, outcome: .failed,
            reasons: [awkward, "", awkward], eventID: awkward)
        var chain = AuditChain(logID: UUID(), signer: [], created: 0)
        let entry = chain.append(record, at: 5)
        var line: [UInt8] = []
        AuditLineFormat.entry(entry, into: &line)
        #expect(!line.contains(where: { $0 < 0x20 }), "no raw control character reaches the file")
        guard case .entry(let read) = try AuditLineFormat.parse(line[...]) else {
            Issue.record("not read back as an entry")
            return
        }
        #expect(read == entry)
        #expect(try ReferenceEntry(line: line).line == line)
    }

    @Test(
        "lines in another spelling of the same values are refused",
        arguments: [
            #"{"checkpoint":01,"head":"HEAD","time":"2026-11-18T07:33:20.250Z","signature":"SIG"}"#,
            #"{"checkpoint":1,"head":"HEAD","time":"2026-11-18t07:33:20.250Z","signature":"SIG"}"#,
            #"{"checkpoint":1,"head":"HEAD","time":"2026-11-18T07:33:20.250z","signature":"SIG"}"#,
            #"{"checkpoint":1,"head":"HEAD","time":"2026-11-18T07:33:20.+50Z","signature":"SIG"}"#,
            #"{"checkpoint":1, "head":"HEAD","time":"2026-11-18T07:33:20.250Z","signature":"SIG"}"#,
            #"{"checkpoint":1,"head":"HEAD","time":"2026-11-18T07:33:20.250Z","signature":"SIG"} "#,
            #"{"checkpoint":1,"head":"HEAD","time":"2026-11-18T07:33:20.250Z","signature":"SIG"}"#
                + "\r",
            #"{"checkpoint":1,"time":"2026-11-18T07:33:20.250Z","head":"HEAD","signature":"SIG"}"#,
        ])
    func otherSpellings(template: String) {
        let head = String(repeating: "ab", count: 32)
        let signature = String(repeating: "cd", count: 64)
        let good = #"{"checkpoint":1,"head":"HEAD","time":"2026-11-18T07:33:20.250Z","signature":"SIG"}"#
        func line(_ text: String) -> ArraySlice<UInt8> {
            Array(
                text.replacingOccurrences(of: "HEAD", with: head).replacingOccurrences(of: "SIG", with: signature).utf8)[
                    ...]
        }
        #expect((try? AuditLineFormat.parse(line(good))) != nil, "the canonical spelling reads")
        #expect(throws: AuditLineError.self) { try AuditLineFormat.parse(line(template)) }
        let upper = good.replacingOccurrences(of: "HEAD", with: head.uppercased())
        #expect(throws: AuditLineError.self) { try AuditLineFormat.parse(line(upper)) }
    }

    @Test("a header with a time spelled differently is refused, so the genesis hash cannot be dodged")
    func headerSpelling() throws {
        let header = AuditLineFormat.header(logID: UUID(), signer: [UInt8](repeating: 3, count: 32), created: 5)
        #expect((try? AuditLineFormat.parse(header[...])) != nil)
        var lowered = header
        if let t = lowered.firstIndex(of: UInt8(ascii: "T")) { lowered[t] = UInt8(ascii: "t") }
        #expect(throws: AuditLineError.self) { try AuditLineFormat.parse(lowered[...]) }
        let upperID = String(decoding: header, as: UTF8.self).uppercased().replacingOccurrences(
            of: "{\"FORMAT\"", with: "{\"format\"")
        #expect(throws: AuditLineError.self) { try AuditLineFormat.parse(Array(upperID.utf8)[...]) }
    }

    @Test(
        "action identifiers are checked",
        arguments: [
            ("access.decision", true), ("crm.sync-2", true), (String(repeating: "a", count: 64), true),
            ("", false), ("Access", false), ("access decision", false), ("a_b", false),
            (String(repeating: "a", count: 65), false), ("ü", false),
        ])
    func actions(identifier: String, valid: Bool) {
        if valid {
            #expect((try? AuditAction(identifier))?.identifier == identifier)
        } else {
            #expect(throws: AuditError.self) { try AuditAction(identifier) }
        }
    }

    @Test("an action decodes from JSON only when valid")
    func actionCoding() throws {
        let data = try JSONEncoder().encode([AuditAction.holdReleased])
        #expect(String(decoding: data, as: UTF8.self) == #"["hold.released"]"#)
        #expect(try JSONDecoder().decode([AuditAction].self, from: data) == [.holdReleased])
        #expect(throws: (any Error).self) { try JSONDecoder().decode([AuditAction].self, from: Data(#"["A B"]"#.utf8)) }
    }
}
