import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import Foundation
import Testing

/// Edits to entries, made the way an attacker who read the format would (every line stays well
/// formed), at every position of the log: each is reported on the right line, for the right entry.
@Suite("Audit verifier: entries modified, deleted, duplicated, inserted, reordered")
struct EntryTamperTests {
    enum Field: String, CaseIterable, Sendable {
        case time, actor, action, target, purpose, outcome, reasons, event, hash

        func change(_ entry: inout ReferenceEntry) {
            switch self {
            case .time: entry.time += 1
            case .actor: entry.actor += "x"
            case .action: entry.action = entry.action == "grant.use" ? "key.unwrap" : "grant.use"
            case .target: entry.target = "recording:00000000-0000-0000-0000-000000000000"
            case .purpose: entry.purpose = entry.purpose == nil ? "training" : nil
            case .outcome: entry.outcome = entry.outcome == "denied" ? "allowed" : "denied"
            case .reasons: entry.reasons.append("approved by nobody")
            case .event: entry.event = entry.event == nil ? "event-x" : nil
            case .hash: entry.hash[31] ^= 0x01
            }
        }
    }

    @Test("a changed field of any entry is reported as altered on that entry's line", arguments: Field.allCases)
    func modifyField(field: Field) async throws {
        let fixture = try await VerifierFixture()
        fixture.checkLayout()
        for line in VerifierFixture.entryLines {
            var lines = fixture.lines
            var entry = try ReferenceEntry(line: lines[line])
            field.change(&entry)
            lines[line] = entry.line
            expectProblem(
                fixture.verify(lines), .entryAltered, line: line, sequence: VerifierFixture.sequence(ofLine: line),
                "\(field) of the entry on line \(line)")
        }
    }

    @Test(
        "a renumbered entry is reported as a gap or as out of order",
        arguments: [(Int64(1), AuditProblem.Kind.entriesMissing), (100, .entriesMissing), (-1, .entryOutOfOrder)])
    func renumber(delta: Int64, kind: AuditProblem.Kind) async throws {
        let fixture = try await VerifierFixture()
        for line in VerifierFixture.entryLines {
            var lines = fixture.lines
            var entry = try ReferenceEntry(line: lines[line])
            entry.sequence = UInt64(Int64(entry.sequence) + delta)
            lines[line] = entry.line
            expectProblem(fixture.verify(lines), kind, line: line, sequence: entry.sequence, "line \(line)")
        }
    }

    @Test("an entry edited and every hash after it recomputed is caught by the next checkpoint")
    func rehashed() async throws {
        let fixture = try await VerifierFixture()
        for line in VerifierFixture.entryLines {
            var lines = fixture.lines
            var entry = try ReferenceEntry(line: lines[line])
            entry.outcome = "allowed"
            entry.reasons = ["nothing to see"]
            lines[line] = entry.line
            try lines.rehash(from: line)
            let checkpoint = try #require(VerifierFixture.checkpointLines.first { $0 > line })
            expectProblem(
                fixture.verify(lines), .checkpointMismatch, line: checkpoint,
                sequence: VerifierFixture.sequence(ofLine: checkpoint), "edited line \(line)")
        }
    }

    @Test("deleting any entry is reported where it is missing; deleting a checkpoint line changes no entry")
    func delete() async throws {
        let fixture = try await VerifierFixture()
        for line in 2...13 {
            var lines = fixture.lines
            lines.lines.remove(at: line - 1)
            let verification = fixture.verify(lines)
            let sequence = VerifierFixture.sequence(ofLine: line)
            if VerifierFixture.checkpointLines.contains(line) {
                // Documented: a checkpoint line only adds coverage; without it the entries still verify.
                #expect(verification.isIntact, "line \(line): \(verification)")
                #expect(verification.checkpointCount == 2)
            } else if VerifierFixture.checkpointLines.contains(line + 1) {
                expectProblem(verification, .checkpointMismatch, line: line, sequence: sequence, "line \(line)")
            } else {
                expectProblem(verification, .entriesMissing, line: line, sequence: sequence + 1, "line \(line)")
            }
        }
    }

    @Test(
        "a repeated line is reported at the copy: entries out of order, checkpoints as a repeat, headers as a second header"
    )
    func duplicate() async throws {
        let fixture = try await VerifierFixture()
        for line in 1...13 {
            var lines = fixture.lines
            lines.lines.insert(lines[line], at: line)
            let verification = fixture.verify(lines)
            let sequence = VerifierFixture.sequence(ofLine: line)
            if line == 1 {
                expectProblem(verification, .malformedLine, line: 2, sequence: nil, "header")
            } else if VerifierFixture.checkpointLines.contains(line) {
                expectProblem(verification, .checkpointMismatch, line: line + 1, sequence: sequence, "line \(line)")
            } else {
                expectProblem(verification, .entryOutOfOrder, line: line + 1, sequence: sequence, "line \(line)")
            }
        }
    }

    @Test(
        "a forged entry with a correct hash, inserted anywhere before the last checkpoint, is caught at the next line")
    func insert() async throws {
        let fixture = try await VerifierFixture()
        for line in 2...13 {
            var lines = fixture.lines
            let before = VerifierFixture.sequence(ofLine: line)
            let previousLine = try #require(lines.entryLines.last { $0 <= line })
            var forged = try ReferenceEntry(line: lines[previousLine])
            forged.sequence = before + 1
            forged.actor = "intruder"
            forged.hash = forged.expectedHash(previous: try ReferenceEntry(line: lines[previousLine]).hash)
            lines.lines.insert(forged.line, at: line)
            let verification = fixture.verify(lines)
            if line == 13 {
                // After the last checkpoint nothing signs it yet: it verifies, and is counted as unsigned.
                #expect(verification.isIntact && verification.unsignedEntries == 1, "\(verification)")
            } else if VerifierFixture.checkpointLines.contains(line + 1) {
                expectProblem(verification, .checkpointMismatch, line: line + 2, sequence: before, "after \(line)")
            } else {
                expectProblem(verification, .entryOutOfOrder, line: line + 2, sequence: before + 1, "after \(line)")
            }
        }
    }

    @Test("swapping any two neighbouring lines is reported at the first line out of place")
    func swap() async throws {
        let fixture = try await VerifierFixture()
        for line in 2...12 {
            var lines = fixture.lines
            lines.lines.swapAt(line - 1, line)
            let verification = fixture.verify(lines)
            let sequence = VerifierFixture.sequence(ofLine: line)
            if VerifierFixture.checkpointLines.contains(line) {
                // The entry after the checkpoint moved up: it still chains, and the checkpoint is late.
                expectProblem(verification, .checkpointMismatch, line: line + 1, sequence: sequence, "\(line)")
            } else if VerifierFixture.checkpointLines.contains(line + 1) {
                expectProblem(verification, .checkpointMismatch, line: line, sequence: sequence, "\(line)")
            } else {
                expectProblem(verification, .entryOutOfOrder, line: line, sequence: sequence + 1, "\(line)")
                #expect(verification.problem?.detail.contains("moved") == true)
            }
        }
    }

    @Test("an entry moved far away is reported where the order breaks, naming the line it moved to")
    func moveFar() async throws {
        let fixture = try await VerifierFixture()
        var lines = fixture.lines
        let moved = lines.lines.remove(at: 2)  // entry 2
        lines.lines.insert(moved, at: 11)
        let verification = fixture.verify(lines)
        expectProblem(verification, .entryOutOfOrder, line: 3, sequence: 3)
        #expect(verification.problem?.detail.contains("entry 2 is on line 12") == true, "\(verification)")
    }
}
