import CallVaultCrypto

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard error and the controlling terminal: messages, progress and passphrase prompts.
enum Terminal {
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    static func note(_ message: String) {
        writeStandardError("callvault: \(message)\n")
    }

    /// Writes straight to file descriptor 2 (the C `stderr` global is not concurrency-safe), made
    /// terminal-safe (``TerminalText``): messages echo ids, paths and reasons given by others.
    static func writeStandardError(_ text: String) {
        writeStandardError(bytes: Array(TerminalText.escaped(text).utf8))
    }

    /// Goes back to the start of the line (a raw carriage return) and writes `text` over it,
    /// made terminal-safe.
    static func rewriteLine(_ text: String) {
        writeStandardError(bytes: [UInt8(ascii: "\r")] + Array(TerminalText.escaped(text).utf8))
    }

    private static func writeStandardError(bytes: [UInt8]) {
        var bytes = bytes
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes {
                write(STDERR_FILENO, $0.baseAddress.map { $0 + done }, $0.count - done)
            }
            guard count > 0 else { return }
            done += count
        }
    }

    /// The passphrase from `CALLVAULT_PASSPHRASE`, else typed at the terminal with echo off.
    /// With `confirm` (a new passphrase being chosen), it is asked for twice and, wherever it comes
    /// from, must meet ``PassphraseStrength`` (an empty one is refused by that too).
    static func passphrase(prompt: String, confirm: Bool = false) throws -> Passphrase {
        if let fromEnvironment = getenv("CALLVAULT_PASSPHRASE") {
            let text = String(cString: fromEnvironment)
            if confirm { try PassphraseStrength.check(text) }
            return try Passphrase(text)
        }
        let first = try readHidden(prompt)
        if confirm {
            try PassphraseStrength.check(first)
            let second = try readHidden("Type it again: ")
            guard first == second else { throw ToolError.passphrasesDiffer }
        }
        return try Passphrase(first)
    }

    private static func readHidden(_ prompt: String) throws -> String {
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard tty >= 0 else { throw ToolError.noPassphraseSource }
        defer { close(tty) }
        var saved = termios()
        guard tcgetattr(tty, &saved) == 0 else { throw ToolError.noPassphraseSource }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        _ = tcsetattr(tty, TCSAFLUSH, &silent)
        defer {
            _ = tcsetattr(tty, TCSAFLUSH, &saved)
            _ = write(tty, "\n", 1)
        }
        _ = TerminalText.escaped(prompt).withCString { write(tty, $0, strlen($0)) }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while read(tty, &byte, 1) == 1, byte != UInt8(ascii: "\n") {
            line.append(byte)
        }
        defer { for index in line.indices { line[index] = 0 } }
        return String(decoding: line, as: UTF8.self)
    }
}

/// Progress on standard error, only when it is a terminal, at most once per percent.
final class ProgressLine {
    private let verb: String
    private let enabled = Terminal.standardErrorIsTerminal
    private var lastPercent = -1

    init(_ verb: String) {
        self.verb = verb
    }

    func update(done: UInt64, total: UInt64) {
        guard enabled, total > 0 else { return }
        let percent = Int(done * 100 / total)
        guard percent != lastPercent else { return }
        lastPercent = percent
        Terminal.rewriteLine("\(verb) \(percent)% (\(done >> 20) of \(total >> 20) MiB)")
    }

    func finish() {
        if enabled, lastPercent >= 0 { Terminal.writeStandardError("\n") }
    }
}
