import CSodium

/// A passphrase held in libsodium secure memory and zeroed when released.
///
/// Hosts read it from wherever their operators type it; `callvault` reads `CALLVAULT_PASSPHRASE` or
/// prompts with echo off. `description` never shows it.
public struct Passphrase: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let storage: SecureBytes

    /// Copies a passphrase's UTF-8 bytes into secure memory.
    public init(_ text: String) throws {
        var utf8 = Array(text.utf8)
        defer { sodium_memzero(&utf8, utf8.count) }
        self.storage = try utf8.withUnsafeBytes { try SecureBytes(copying: $0) }
    }

    /// Copies raw passphrase bytes (for example read from a terminal into a locked buffer).
    public init(copying bytes: UnsafeRawBufferPointer) throws {
        self.storage = try SecureBytes(copying: bytes)
    }

    /// Whether the passphrase has no bytes.
    public var isEmpty: Bool { storage.count == 0 }

    /// Always `Passphrase(redacted)`.
    public var description: String { "Passphrase(redacted)" }

    /// Always `Passphrase(redacted)`.
    public var debugDescription: String { description }

    /// Reflection (`dump`, debuggers) shows no secret either.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
