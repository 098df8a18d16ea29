import CallVaultCore

/// Errors of the command-line tool itself (its inputs and environment).
enum ToolError: CallVaultError {
    case noPassphraseSource
    case passphrasesDiffer
    case notARecipient(String)
    case wontOverwrite(String)
    case wavRejected(path: String, reason: String)
    case unkeptContent(path: String, details: [String])
    case unreadable(path: String, reason: String)
    case nothingToChange
    case rangeWithoutAudio
    case channelLabelsMismatch(labels: Int, channels: Int)
    case notAPublicKey(String)
    case streamNeedsRaw(String)
    case outputInsideVault(path: String, vault: String)
    /// An announcement the options given cannot fill: the template needs `explanation`, which
    /// `option` gives.
    case announcementNeeds(kind: String, explanation: String, option: String)

    /// The tool's own codes (the tool is not a library: they are for logs, not a contract).
    struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        typealias Owner = ToolError
        /// The code's text: `tool.` and the case's name in kebab case.
        let rawValue: String
    }

    /// What kind of failure this is.
    var code: Code {
        switch self {
        case .noPassphraseSource: Code(rawValue: "tool.no-passphrase-source")
        case .passphrasesDiffer: Code(rawValue: "tool.passphrases-differ")
        case .notARecipient: Code(rawValue: "tool.not-a-recipient")
        case .wontOverwrite: Code(rawValue: "tool.wont-overwrite")
        case .wavRejected: Code(rawValue: "tool.wav-rejected")
        case .unkeptContent: Code(rawValue: "tool.unkept-content")
        case .unreadable: Code(rawValue: "tool.unreadable")
        case .nothingToChange: Code(rawValue: "tool.nothing-to-change")
        case .rangeWithoutAudio: Code(rawValue: "tool.range-without-audio")
        case .channelLabelsMismatch: Code(rawValue: "tool.channel-labels-mismatch")
        case .notAPublicKey: Code(rawValue: "tool.not-a-public-key")
        case .streamNeedsRaw: Code(rawValue: "tool.stream-needs-raw")
        case .outputInsideVault: Code(rawValue: "tool.output-inside-vault")
        case .announcementNeeds: Code(rawValue: "tool.announcement-needs")
        }
    }

    /// The tool's own errors have no underlying cause: always `nil`.
    var underlying: (any Error)? { nil }

    var message: String {
        switch self {
        case .noPassphraseSource:
            "No passphrase: set CALLVAULT_PASSPHRASE, or run in a terminal to be prompted."
        case .passphrasesDiffer:
            "The two passphrases differ; nothing was written. Run the command again."
        case .notARecipient(let text):
            "'\(TerminalText.quoted(text))' is neither a recipient string (callvault1...), nor a readable .pub file, nor (for removal) a 32-digit fingerprint."
        case .wontOverwrite(let path):
            "'\(path)' already exists; refusing to overwrite an identity. Choose another --output or pass --force."
        case .wavRejected(let path, let reason):
            "'\(path)' looks like a WAV file but cannot be sealed as a recording: \(reason) To seal it byte for byte as an opaque file instead, pass --raw."
        case .unkeptContent(let path, let details):
            "'\(path)' holds content besides its audio that a recording does not keep: \(details.joined(separator: "; ")). Sealing it as a recording keeps only the audio and its format: pass --drop-metadata to drop the rest (standard error then names it), or --raw to seal the whole file byte for byte."
        case .unreadable(let path, let reason):
            "Could not read '\(path)': \(reason)."
        case .nothingToChange:
            "Nothing to change: give at least one --add-recipient or --remove-recipient."
        case .channelLabelsMismatch(let labels, let channels):
            "--channels names \(labels) channel\(labels == 1 ? "" : "s") but the WAV file has \(channels); give one label per channel, in order."
        case .notAPublicKey(let text):
            "'\(TerminalText.quoted(text))' is not a public key: give the organisation's Ed25519 verifying key as 64 hexadecimal digits, or a file holding them."
        case .streamNeedsRaw(let path):
            "'\(path)' is a pipe or device, not a regular file: it can only be sealed as a stream of opaque bytes (a recording's format and length are read from a WAV file before its audio). Pass --raw to seal the stream byte for byte, or save it to a file first."
        case .announcementNeeds(let kind, let explanation, let option):
            "The \(kind) template needs \(explanation); give \(option)."
        case .outputInsideVault(let path, let vault):
            "'\(path)' is inside the vault folder \(vault); plaintext audio is never written there. Choose a path outside the vault."
        case .rangeWithoutAudio:
            "--from and --to need a recording with a sample-based audio format in its header; this envelope holds an opaque file."
        }
    }
}
