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
    associatedtype Code: CallVaultErrorCode
    /// What kind of failure this is; stable across releases.
    var code: Code { get }
    /// A sentence saying what went wrong and what to do next.
    var message: String { get }
    /// The error that caused this one, if any.
    var underlying: (any Error)? { get }
}

extension CallVaultError {
    /// The same sentence as ``message``.
    public var description: String { message }
}

/// A stable identifier for one kind of CallVault failure, such as `envelope.segment-tampered`.
///
/// Codes are compared by ``rawValue``; the raw values are part of the SDK's contract and never
/// change meaning between releases. A new release may add codes.
public protocol CallVaultErrorCode: Hashable, Sendable, CustomStringConvertible {
    /// The code's stable text: the module's prefix, a dot, and a kebab-case name.
    var rawValue: String { get }
}

extension CallVaultErrorCode {
    /// The code's ``rawValue``.
    public var description: String { rawValue }
}
