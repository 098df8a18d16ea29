/// The error protocol every CallVault module's errors conform to.
///
/// Each module throws its own error struct (for example `EnvelopeError` in CallVaultCrypto). A struct,
/// not an enum, so that a release can add a new kind of failure without breaking a host's
/// exhaustive `switch`. Every error has:
/// - a stable ``code`` to match on (`error.code == .segmentTampered`, or
///   `catch EnvelopeError.segmentTampered`), whose ``CallVaultErrorCode/rawValue`` never changes
///   between releases and is safe to store or alert on;
/// - a ``message``: a full sentence that says what went wrong and what to do about it, and never
///   contains key material or recorded content;
/// - the ``underlying`` error that caused it, when there was one (an `errno`, a database error, a
///   nested CallVault error), kept whole rather than flattened into the message.
///
/// ```swift
/// do {
///     try reader.verify()
/// } catch EnvelopeError.segmentTampered {
///     // restore from backup
/// } catch let error as any CallVaultError {
///     logger.error("\(error.code): \(error.message)")
/// }
/// ```
public protocol CallVaultError: Error, CustomStringConvertible, Sendable {
    /// The type of this error's stable codes.
    associatedtype Code: CallVaultErrorCode where Code.Owner == Self
    /// What kind of failure this is; stable across releases.
    var code: Code { get }
    /// A sentence saying what went wrong and what to do next.
    var message: String { get }
    /// The error that caused this one, if any.
    var underlying: (any Error)? { get }
}

extension CallVaultError {
    /// The same sentence as ``CallVaultError/message``.
    public var description: String { message }

    /// Whether `error` has the code `pattern`: `if case .segmentTampered = error`, where `error` is
    /// already known to be of this type.
    ///
    /// - Parameters:
    ///   - pattern: The code to match.
    ///   - error: The error to test.
    /// - Returns: `true` when `error`'s code is `pattern`.
    public static func ~= (pattern: Code, error: Self) -> Bool {
        error.code == pattern
    }

    /// Whether `error` is an error of this type of the same kind as `pattern`, whatever its details:
    /// `catch EnvelopeError.truncated`.
    ///
    /// - Parameters:
    ///   - pattern: An error whose ``code`` is the kind to match.
    ///   - error: The error thrown.
    /// - Returns: `true` when `error` is of this type and has `pattern`'s code.
    public static func ~= (pattern: Self, error: any Error) -> Bool {
        (error as? Self)?.code == pattern.code
    }
}

/// A stable identifier for one kind of CallVault failure, such as `envelope.segment-tampered`.
///
/// Codes are compared by ``rawValue``; the raw values are part of the SDK's contract and never
/// change meaning between releases. A new release may add codes.
public protocol CallVaultErrorCode: Hashable, Sendable, CustomStringConvertible {
    /// The error type whose codes these are.
    associatedtype Owner: CallVaultError where Owner.Code == Self
    /// The code's stable text: the module's prefix, a dot, and a kebab-case name.
    var rawValue: String { get }
}

extension CallVaultErrorCode {
    /// The code's ``rawValue``.
    public var description: String { rawValue }

    /// Whether `error` is an error of the type these codes belong to, with this code:
    /// `catch EnvelopeError.segmentTampered`.
    ///
    /// - Parameters:
    ///   - pattern: The code to match.
    ///   - error: The error thrown.
    /// - Returns: `true` when `error` is an ``Owner`` whose code is `pattern`.
    public static func ~= (pattern: Self, error: any Error) -> Bool {
        (error as? Owner)?.code == pattern
    }
}
