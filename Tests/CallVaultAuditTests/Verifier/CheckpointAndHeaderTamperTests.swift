import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import Foundation
import Testing

/// Forged checkpoints, the wrong signer, an altered header, and lines spelled differently.
@Suite("Audit verifier: checkpoints, signer, header and spelling")
struct CheckpointAndHeaderTamperTests {
    enum CheckpointEdit: String, CaseIterable, Sendable {
        case signatureBitFlipped, signedByAnotherKey, timeChanged, headOfEarlierEntry, sequenceChanged
    }

    @Test("a forged or altered checkpoint is reported on its line", arguments: CheckpointEdit.allCases)
    func forgeCheckpoint(edit: CheckpointEdit) async throws {
        let fixture = try await VerifierFixture()
        let logID = try ReferenceHeader(line: fixture.lines[1]).logID
        let other = try AuditFixture.key(7)
        for line in VerifierFixture.checkpointLines {
            var lines = fixture.lines
            var checkpoint = try ReferenceCheckpoint(line: lines[line])
            var kind = AuditProblem.Kind.checkpointForged
            switch edit {
            case .signatureBitFlipped: checkpoint.signature[10] ^= 0x40
            case .signedByAnotherKey: try checkpoint.sign(with: other, logID: logID)
            case .timeChanged: checkpoint.time += 1
            case .headOfEarlierEntry:
                checkpoint.head = try ReferenceEntry(line: lines[line - 2]).hash
                try checkpoint.sign(with: fixture.key, logID: logID)
                kind = .checkpointMismatch
            case .sequenceChanged:
                checkpoint.sequence -= 1
                kind = .checkpointMismatch
            }
            lines[line] = checkpoint.line
            let verification = fixture.verify(lines)
            expectProblem(verification, kind, line: line, sequence: checkpoint.sequence, "\(edit) on line \(line)")
            #expect(verification.entryCount == VerifierFixture.sequence(ofLine: line))
            #expect(verification.description.hasPrefix("TAMPERED"))
        }
    }

    @Test("a checkpoint signed for another log does not verify here")
    func checkpointOfAnotherLog() async throws {
        let fixture = try await VerifierFixture()
        var lines = fixture.lines
        var checkpoint = try ReferenceCheckpoint(line: lines[5])
        try checkpoint.sign(with: fixture.key, logID: UUID())
        lines[5] = checkpoint.line
        expectProblem(fixture.verify(lines), .checkpointForged, line: 5, sequence: 3)
    }

    @Test("a trusted key other than the log's signer is reported on line 1")
    func wrongTrustedKey() async throws {
        let fixture = try await VerifierFixture()
        let verification = AuditVerifier(trustedKey: try AuditFixture.key(3).verifyingKey).verify(
            contents: fixture.bytes)
        expectProblem(verification, .wrongSigner, line: 1, sequence: nil)
        #expect(verification.description.hasPrefix("WRONG SIGNER"))
        #expect(verification.problem?.detail.contains(fixture.key.verifyingKey.description) == true)
    }

    @Test("a log rewritten and re-signed under another key verifies only without a trusted key")
    func resignedByAnotherKey() async throws {
        let fixture = try await VerifierFixture()
        let attacker = try AuditFixture.key(8)
        var lines = fixture.lines
        var header = try ReferenceHeader(line: lines[1])
        header.signer = attacker.verifyingKey.rawRepresentation
        lines[1] = header.line
        var entry = try ReferenceEntry(line: lines[3])
        entry.outcome = "denied"
        lines[3] = entry.line
        try lines.rehash(from: 2)
        try lines.resign(with: attacker)
        let untrusted = fixture.verify(lines, trusted: false)
        #expect(untrusted.isIntact, "integrity only: the log names its own signer")
        #expect(untrusted.signer == attacker.verifyingKey)
        expectProblem(fixture.verify(lines), .wrongSigner, line: 1, sequence: nil)
    }

    enum HeaderEdit: String, CaseIterable, Sendable {
        case logID, signer, created
    }

    @Test("any change to the header breaks the first entry's hash", arguments: HeaderEdit.allCases)
    func header(edit: HeaderEdit) async throws {
        let fixture = try await VerifierFixture()
        var lines = fixture.lines
        var header = try ReferenceHeader(line: lines[1])
        switch edit {
        case .logID: header.logID = UUID()
        case .signer: header.signer = try AuditFixture.key(5).verifyingKey.rawRepresentation
        case .created: header.created -= 1
        }
        lines[1] = header.line
        expectProblem(fixture.verify(lines, trusted: false), .entryAltered, line: 2, sequence: 1, "\(edit)")
    }

    @Test("a header of another format version is not read as an audit log")
    func otherFormat() async throws {
        let fixture = try await VerifierFixture()
        var lines = fixture.lines
        lines[1] = Array(lines.text(1).replacingOccurrences(of: "callvault-audit/1", with: "callvault-audit/2").utf8)
        let verification = fixture.verify(lines)
        expectProblem(verification, .notAnAuditLog, line: 1, sequence: nil)
        #expect(verification.description.hasPrefix("NOT AN AUDIT LOG"))
    }

    /// Textual edits that keep a line's JSON meaning: the file admits one spelling only.
    static let spellings: [(name: String, line: Int, edit: @Sendable (String) -> String, readable: Bool)] = [
        ("a space after a colon", 2, { $0.replacingOccurrences(of: #""seq":"#, with: #""seq": "#) }, false),
        ("a space before the brace", 3, { $0.replacingOccurrences(of: "\"}", with: "\" }") }, false),
        ("a trailing space", 6, { $0 + " " }, false),
        ("a carriage return", 7, { $0 + "\r" }, false),
        (
            "two keys in the other order", 8,
            { line in
                guard let actor = line.range(of: #""actor":"#), let action = line.range(of: #","action":"#),
                    let target = line.range(of: #","target":"#)
                else { return line }
                let actorField = line[actor.lowerBound..<action.lowerBound]
                let actionField = line[line.index(after: action.lowerBound)..<target.lowerBound]
                return line[..<actor.lowerBound] + actionField + "," + actorField + line[target.lowerBound...]
            }, false
        ),
        ("a leading zero", 10, { $0.replacingOccurrences(of: #""seq":7"#, with: #""seq":07"#) }, false),
        (
            "an escaped slash, which JSON allows and the log does not", 6,
            {
                $0.replacingOccurrences(of: "recording:", with: #"recording:\/"#)
            }, false
        ),
        (
            "a letter escaped as \\u", 10,
            { $0.replacingOccurrences(of: #""actor":"sup"#, with: #""actor":"\u0073up"#) }, false
        ),
        (
            "upper-case hex in the hash", 11,
            { line in
                let range = line.range(of: #""hash":""#)
                return range.map { line[..<$0.upperBound] + line[$0.upperBound...].uppercased() } ?? line
            }, false
        ),
        ("a lower-case t in the entry's time", 12, { $0.replacingOccurrences(of: "T", with: "t") }, true),
        ("a newline escaped as \\u000a", 4, { $0.replacingOccurrences(of: #"\n"#, with: #"\u000a"#) }, true),
        (
            "a control character escaped in upper case", 7,
            { $0.replacingOccurrences(of: #"\u001f"#, with: #"\u001F"#) }, true
        ),
        ("a lower-case t in a checkpoint's time", 9, { $0.replacingOccurrences(of: "T", with: "t") }, false),
        ("a lower-case z in a checkpoint's time", 5, { $0.replacingOccurrences(of: "Z\"", with: "z\"") }, false),
        ("a lower-case t in the header's time", 1, { $0.replacingOccurrences(of: "T", with: "t") }, false),
        ("a space in the header", 1, { $0.replacingOccurrences(of: #""log":"#, with: #""log": "#) }, false),
    ]

    @Test("a line spelled differently, with the same meaning, is reported on its line", arguments: spellings.indices)
    func otherSpelling(index: Int) async throws {
        let (name, line, edit, readable) = Self.spellings[index]
        let fixture = try await VerifierFixture()
        var lines = fixture.lines
        let edited = edit(lines.text(line))
        try #require(edited != lines.text(line), "the edit \(name) applies to line \(line)")
        lines[line] = Array(edited.utf8)
        // Entries read but spelled differently are named by sequence; lines that cannot be read are not.
        let sequence = readable ? VerifierFixture.sequence(ofLine: line) : nil
        expectProblem(fixture.verify(lines), .malformedLine, line: line, sequence: sequence, name)
    }

    @Test(
        "files that are not audit logs are named as such",
        arguments: [
            ("", 1), ("hello\n", 1), ("hello\nworld\n", 1), ("hello", 1),
            (#"{"seq":1,"time":"x"}"# + "\n", 1),
        ])
    func notALog(text: String, line: Int) {
        let verification = AuditVerifier().verify(contents: Array(text.utf8))
        expectProblem(verification, .notAnAuditLog, line: line, sequence: nil, text)
        #expect(verification.logID == nil && verification.entryCount == 0)
    }

    @Test("entries before any header are refused")
    func entriesFirst() async throws {
        let fixture = try await VerifierFixture()
        var lines = fixture.lines
        lines.lines.removeFirst()
        expectProblem(fixture.verify(lines), .notAnAuditLog, line: 1, sequence: nil)
    }

    @Test("an unreadable file is an I/O error, not a verdict, with the system's cause kept as a value")
    func unreadable() throws {
        let error = #expect(
            throws: AuditError.io(path: "/nonexistent/audit.log", reason: String(cString: strerror(ENOENT)))
        ) {
            try AuditVerifier().verify(fileAt: "/nonexistent/audit.log")
        }
        #expect((error?.underlying as? POSIXError)?.code == .ENOENT)
    }
}
