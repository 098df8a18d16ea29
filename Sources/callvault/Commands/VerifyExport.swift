import ArgumentParser
import CallVault
import CallVaultCrypto
import Foundation

/// `callvault verify-export`: checks an export package folder against its signed manifest.
struct VerifyExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-export",
        abstract: "Check an export package against its signed manifest: signature, every file, nothing added.",
        discussion: """
            What a court, regulator or customer runs on a package from 'callvault vault export': the \
            manifest's signature with the organisation's key (64 hexadecimal digits, or a file holding \
            them; trust comes from the key you give, not from the key the manifest names), every listed \
            file present with its length and BLAKE2b-256 digest, no file, link or device that is not \
            listed, and every recording envelope complete (its end marker fits its length, and it holds \
            the recording the manifest names). With --identity (a recipient of the package) every \
            segment of each envelope is also decrypted and verified, the final one included. Every \
            problem is listed, not just the first.

            Exit status: 0 the package is exactly what was signed (a summary is printed); 2 anything \
            differs (each difference is named), including a manifest signed by another key; 1 the folder \
            or the key cannot be read; 4 --identity is not a recipient of an envelope, or its passphrase \
            is wrong.
            """
    )

    @Argument(help: ArgumentHelp("The export package folder.", valueName: "dir"))
    var directory: String

    @Option(help: ArgumentHelp("The organisation's public key (hex) or a file holding it.", valueName: "key"))
    var publicKey: String

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp("A recipient's identity file, to decrypt and verify every segment.", valueName: "file"))
    var identity: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        try reportingFailures {
            let key = try Consent.Verify.verifyingKey(publicKey)
            let recipient = try identity.map(Inputs.identity)
            let check = try ExportPackageCheck.check(
                directory: URL(fileURLWithPath: directory), trustedKey: key, identity: recipient)
            let report = VerifyExportReport(directory: directory, key: key, check: check)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                encoder.dateEncodingStrategy = .iso8601
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                for line in report.lines { print(line) }
            }
            guard check.isIntact else {
                Terminal.note(
                    "error: \(directory) is not the package that was signed: \(check.problems.count) "
                        + "difference\(check.problems.count == 1 ? "" : "s") from its manifest")
                throw ExitCode(2)
            }
        }
    }
}
