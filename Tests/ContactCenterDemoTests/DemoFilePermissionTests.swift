import Foundation
import Testing

/// The files the demo writes itself (besides those the vault library writes) are private to their
/// owner: a compliance officer's identity file is a private key under a passphrase, and nothing in
/// a vault folder is for other users to read.
@Suite("Contact-center demo: file permissions")
struct DemoFilePermissionTests {
    @Test("the identity file and the demo marker the demo writes are 0600")
    func demoFilesArePrivate() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callvault-demo-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try DemoProcess.run(["--vault", folder.path])
        try #require(run.status == 0, "\(run.output)")
        for name in ["keys/priya.nair.identity", "CALLVAULT-DEMO-VAULT"] {
            let attributes = try FileManager.default.attributesOfItem(
                atPath: folder.appendingPathComponent(name).path)
            let permissions = try #require(attributes[.posixPermissions] as? Int)
            #expect(permissions == 0o600, "\(name) is \(String(permissions, radix: 8))")
        }
    }
}
