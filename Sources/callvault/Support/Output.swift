#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard output for every command: the tool's `print`, which shadows the standard library's in
/// this module so that no command can print text that has not been made terminal-safe (see
/// ``TerminalText``). Human reports and `--json` output both pass through it; JSON stays valid.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    StandardOutput.write(items.map { "\($0)" }.joined(separator: separator), terminator: terminator)
}

/// The one way to standard output, for code that cannot call the module's `print` by that name
/// (inside a type with a `print` of its own).
enum StandardOutput {
    /// Whether standard output is a terminal (a person reads it) rather than a pipe or a file.
    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Writes `text` and `terminator`, made terminal-safe.
    static func write(_ text: String, terminator: String = "\n") {
        Swift.print(TerminalText.escaped(text), terminator: TerminalText.escaped(terminator))
    }
}
