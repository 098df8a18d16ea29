import ArgumentParser
import CallVaultConsent
import CallVaultCrypto
import CallVaultSupport
import Foundation

extension Consent {
    /// `callvault consent verify`: checks a signed consent receipt against the organisation's key.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a signed consent receipt with the organisation's public key.",
            discussion: """
                The public key is the organisation's Ed25519 verifying key as 64 hexadecimal digits, or a \
                file holding it. Trust comes from the key you give, not from the key named in the receipt.

                Exit status: 0 the receipt is genuine (its contents are printed); 1 the file is not a \
                receipt or the key is malformed; 2 the receipt was altered, or signed by another key.
                """
        )

        @Argument(help: ArgumentHelp("The receipt file.", valueName: "receipt"))
        var receipt: String

        @Option(help: ArgumentHelp("The organisation's public key (hex) or a file holding it.", valueName: "key"))
        var publicKey: String

        @Flag(help: "Print the verified receipt as JSON.")
        var json = false

        func run() throws {
            do {
                let key = try Self.verifyingKey(publicKey)
                let text = try Inputs.readSmallFile(receipt)
                let verified = try SignedConsentReceipt(fileContents: text).verified(by: key)
                if json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    print(String(decoding: try encoder.encode(verified), as: UTF8.self))
                } else {
                    print("genuine: signed by \(key)")
                    print("receipt \(verified.receiptID): \(verified.party) (\(verified.role)) at \(verified.location)")
                    print(
                        "required \(verified.requirement) under \(verified.strictness); outcome \(verified.outcome.rawValue) by \(verified.method.rawValue)"
                    )
                    if let announcement = verified.announcement {
                        print(
                            "told: \(announcement.scriptID) \(announcement.version) in \(announcement.language), text hash \(announcement.textHash)"
                        )
                    }
                    print("catalog \(verified.catalogVersion)")
                }
            } catch let error as SignedDocumentError {
                Terminal.note("error: \(error)")
                switch error.reason {
                case .malformedFile: throw ExitCode(1)
                case .signatureInvalid, .readableCopyAltered, .wrongSigner: throw ExitCode(2)
                }
            } catch {
                Terminal.note("error: \(error)")
                throw ExitCode(exitStatus(for: error))
            }
        }

        static func verifyingKey(_ argument: String) throws -> VerifyingKey {
            var text = argument
            if FileManager.default.fileExists(atPath: argument) {
                text = try Inputs.readSmallFile(argument)
            }
            let hex = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let bytes = SignedConsentReceiptHex.decode(hex), bytes.count == VerifyingKey.byteCount else {
                throw ToolError.notAPublicKey(argument)
            }
            return try VerifyingKey(rawRepresentation: bytes)
        }
    }
}

/// Hexadecimal decoding for keys given on the command line.
enum SignedConsentReceiptHex {
    static func decode(_ text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = 0
        while index < characters.count {
            guard let byte = UInt8(String(decoding: characters[index..<index + 2], as: UTF8.self), radix: 16) else {
                return nil
            }
            bytes.append(byte)
            index += 2
        }
        return bytes
    }
}
