import CallVaultCrypto
import Foundation

/// Reading the tool's arguments that name keys: recipients, fingerprints and identity files.
enum Inputs {
    /// The largest identity or .pub file read (they are a few hundred bytes).
    static let keyFileLimit = 64 << 10

    /// A recipient string, or the path of a .pub file holding one.
    static func recipient(_ argument: String) throws -> Recipient {
        if argument.lowercased().hasPrefix(Recipient.stringPrefix + "1") {
            return try Recipient(parsing: argument)
        }
        guard FileManager.default.fileExists(atPath: argument) else { throw ToolError.notARecipient(argument) }
        let text = try readSmallFile(argument)
        guard
            let line = text.split(whereSeparator: \.isNewline).map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { !$0.isEmpty && !$0.hasPrefix("#") })
        else { throw ToolError.notARecipient(argument) }
        return try Recipient(parsing: line)
    }

    /// A recipient to remove: a recipient string, a .pub file or a fingerprint as `inspect` prints it.
    static func fingerprint(_ argument: String) throws -> RecipientFingerprint {
        if argument.count == 32, let fingerprint = try? RecipientFingerprint(parsing: argument) {
            return fingerprint
        }
        return try recipient(argument).fingerprint
    }

    /// Opens an identity file with the passphrase from the environment or the terminal.
    static func identity(_ path: String) throws -> Identity {
        let text = try readSmallFile(path)
        let passphrase = try Terminal.passphrase(prompt: "Passphrase for \(path): ")
        return try IdentityFile.open(text, passphrase: passphrase)
    }

    /// Whether `path` leads (through any links) to a pipe, terminal, device or socket, such as
    /// `/dev/stdin`: something read to its end rather than at positions.
    static func isStream(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return [S_IFIFO, S_IFCHR, S_IFSOCK].contains(info.st_mode & S_IFMT)
    }

    /// The paths among `arguments` that name existing files (recipient `.pub` files, identity
    /// files): an output must not replace any of them.
    static func existingFiles(_ arguments: [String]) -> [String] {
        arguments.filter { FileManager.default.fileExists(atPath: $0) }
    }

    static func readSmallFile(_ path: String) throws -> String {
        try BoundedFile.text(at: path, limit: keyFileLimit, what: "a key file")
    }
}
