import ArgumentParser
import CallVaultCrypto
import Foundation

struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create an identity: a private key sealed under a passphrase, and its recipient string.",
        discussion: """
            Writes the identity file OUTPUT (keep it secret) and OUTPUT.pub (the recipient string, safe to \
            share), and prints the recipient string. Recordings sealed to that recipient open only with \
            the identity file and its passphrase.

            The passphrase (typed twice, or from CALLVAULT_PASSPHRASE) must have at least 12 characters, \
            at least 5 of them different, such as a few unrelated words: it alone protects the private key \
            from anyone who copies the identity file and guesses offline. A weaker one is refused (exit \
            status 1) and nothing is written.
            """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("Path of the identity file to write.", valueName: "file"))
    var output: String

    @Flag(help: "Replace an existing identity file (the old private key is lost).")
    var force = false

    func run() throws {
        try reportingFailures {
            let publicPath = output + ".pub"
            for path in [output, publicPath] { try FileEnvelopeOutput.checkDestination(path) }
            if !force {
                for path in [output, publicPath] where FileManager.default.fileExists(atPath: path) {
                    throw ToolError.wontOverwrite(path)
                }
            }
            let passphrase = try Terminal.passphrase(prompt: "Passphrase for the new identity: ", confirm: true)
            let identity = try Identity.generate()
            let sealed = try IdentityFile.seal(identity, passphrase: passphrase)
            try write(sealed, to: output, permissions: 0o600)
            try write("\(identity.recipient)\n", to: publicPath, permissions: 0o644)
            print(identity.recipient)
        }
    }

    private func write(_ text: String, to path: String, permissions: Int) throws {
        let output = try FileEnvelopeOutput(destination: path)
        try Array(text.utf8).withUnsafeBytes { try output.write($0) }
        try output.commit()
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path)
    }
}
