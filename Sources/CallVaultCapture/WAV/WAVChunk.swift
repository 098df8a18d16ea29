/// A chunk of a RIFF/WAVE file that carries no audio or format (for example `LIST` metadata,
/// `bext`, `cue ` or `JUNK` padding), as ``WAVHeader/parse(from:)`` found it.
///
/// Reported so a caller can decide what to do with metadata a recording would not keep; the
/// `callvault seal` command, for one, refuses to drop it silently.
public struct WAVChunk: Hashable, Sendable, CustomStringConvertible {
    /// The four-character identifier; bytes outside printable ASCII appear as `\xNN`.
    public var identifier: String
    /// The byte offset of the chunk's 8-byte header in the file.
    public var offset: UInt64
    /// The length of the chunk's body, as its header declares (without the pad byte).
    public var byteCount: UInt64

    /// Describes a chunk.
    public init(identifier: String, offset: UInt64, byteCount: UInt64) {
        self.identifier = identifier
        self.offset = offset
        self.byteCount = byteCount
    }

    /// For example `'LIST' at byte 36, 26 bytes`.
    public var description: String {
        "'\(identifier)' at byte \(offset), \(byteCount) bytes"
    }

    /// A chunk identifier fit to print: printable ASCII as is, any other byte as `\xNN`, so a
    /// hostile file cannot put control characters in a message.
    static func printable(_ identifier: some Collection<UInt8>) -> String {
        let digits = Array("0123456789ABCDEF")
        var text = ""
        for byte in identifier {
            if (0x20...0x7E).contains(byte) {
                text.append(Character(Unicode.Scalar(byte)))
            } else {
                text += "\\x" + String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
            }
        }
        return text
    }
}
