import CallVaultSQLite
import Foundation
import Testing

/// Issue 13, second outside review, finding 4: a signed `vault.json` or access policy damaged so
/// that it no longer reads (cut short, a field of the wrong type, bytes that are not UTF-8) exited
/// 1 ("bad input") with Foundation's text, not 2 (altered), and `accept-changes --restore` could
/// not put the signed copy back because it read the damaged file first.
@Suite("a sealed file damaged so it no longer reads is altered (exit 2) and restorable")
struct DamagedSealedFileTests {
    enum Damage: String, CaseIterable, Sendable {
        case configurationCutShort, configurationWrongType, policyNotUTF8

        var file: String {
            self == .policyNotUTF8 ? VaultFolder.accessPolicyFileName : VaultFolder.configurationFileName
        }

        func apply(to original: Data) -> Data {
            switch self {
            case .configurationCutShort: Data(#"{"format": 1, "organisation": "#.utf8)
            case .configurationWrongType:
                Data(
                    String(decoding: original, as: UTF8.self)
                        .replacingOccurrences(of: #""retentionDays" : 730"#, with: #""retentionDays" : "seven""#)
                        .replacingOccurrences(of: #""retentionDays": 730"#, with: #""retentionDays": "seven""#).utf8)
            case .policyNotUTF8: Data([0xFF, 0xFE, 0x7B])
            }
        }
    }

    @Test(
        "every command that checks the files exits 2 naming accept-changes --restore; the restore puts it back",
        arguments: Damage.allCases)
    func damagedFileIsAlteredAndRestorable(damage: Damage) throws {
        let fixture = try VaultFixture()
        let url = fixture.directory.appendingPathComponent(damage.file)
        let original = try Data(contentsOf: url)
        let damaged = damage.apply(to: original)
        #expect(damaged != original)
        try damaged.write(to: url)

        // The policy is read (as bytes, against its seal) by the commands that decide access and by
        // verify; vault.json by every command.
        let commands = damage == .policyNotUTF8 ? ["verify"] : ["verify", "audit", "list"]
        for command in commands {
            let run = try fixture.run(command)
            let output = run.standardOutput + run.standardError
            #expect(run.status == ExitStatus.tampered, "\(command): \(run)")
            #expect(output.contains("accept-changes --restore"), "\(command): \(run)")
            #expect(!output.contains("NSCocoaErrorDomain"), "\(run)")
            #expect(!output.contains("free space"), "\(run)")
        }

        let restored = try fixture.run("accept-changes", "--restore")
        #expect(restored.status == ExitStatus.success, "\(restored)")
        #expect(try Data(contentsOf: url) == original, "the signed copy is back")
        let verify = try fixture.run("verify")
        #expect(verify.status == ExitStatus.success, "\(verify)")
    }
}
