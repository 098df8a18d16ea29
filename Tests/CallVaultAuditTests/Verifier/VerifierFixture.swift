import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultTestKit
import Foundation
import Testing

/// The log every tamper test edits: nine entries, a checkpoint after every third.
///
/// ```
/// line  1 header
/// lines 2-4 entries 1-3,  line  5 checkpoint of 3
/// lines 6-8 entries 4-6,  line  9 checkpoint of 6
/// lines 10-12 entries 7-9, line 13 checkpoint of 9
/// ```
struct VerifierFixture {
    let key: SigningKey
    let bytes: [UInt8]
    let lines: LogLines

    static let entryLines = [2, 3, 4, 6, 7, 8, 10, 11, 12]
    static let checkpointLines = [5, 9, 13]

    init() async throws {
        key = try AuditFixture.key()
        bytes = try await AuditFixture.memoryLog(count: 9, every: 3, key: key).bytes
        lines = LogLines(bytes)
    }

    /// The entry on `line`.
    static func sequence(ofLine line: Int) -> UInt64 {
        UInt64(entryLines.filter { $0 <= line }.count)
    }

    func verify(_ lines: LogLines, trusted: Bool = true) -> AuditVerification {
        AuditVerifier(trustedKey: trusted ? key.verifyingKey : nil).verify(contents: lines.bytes)
    }

    /// Checks the layout the tests rely on, so a change to the fixture fails loudly here.
    func checkLayout(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(lines.lines.count == 13 && lines.tail.isEmpty, sourceLocation: sourceLocation)
        #expect(lines.entryLines == Self.entryLines, sourceLocation: sourceLocation)
        #expect(lines.checkpointLines == Self.checkpointLines, sourceLocation: sourceLocation)
        let verification = verify(lines)
        #expect(verification.isIntact, "\(verification)", sourceLocation: sourceLocation)
    }
}
