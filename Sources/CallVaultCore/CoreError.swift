/// Errors in CallVaultCore's own values.
///
/// Match on ``code`` (`catch CoreError.invalidPurpose`); the ``message`` says what to do.
public struct CoreError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``CoreError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = CoreError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// A jurisdiction code that is not ISO 3166-1 alpha-2, ISO 3166-2 or `unknown`.
        public static let invalidJurisdictionCode = Code("core.invalid-jurisdiction-code")
        /// A purpose identifier with characters other than lower-case letters, digits and hyphens.
        public static let invalidPurpose = Code("core.invalid-purpose")

        /// Every code of this type.
        public static let all: [Code] = [invalidJurisdictionCode, invalidPurpose]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
        case invalidJurisdictionCode(String)
        case invalidPurpose(String)
    }

    /// What happened, with its details.
    package let reason: Reason
    /// The error that caused this one, if any.
    public let underlying: (any Error)?

    /// Creates an error from its reason and cause.
    package init(_ reason: Reason, underlying: (any Error)? = nil) {
        self.reason = reason
        self.underlying = underlying
    }

    /// What kind of failure this is.
    public var code: Code {
        switch reason {
        case .invalidJurisdictionCode: .invalidJurisdictionCode
        case .invalidPurpose: .invalidPurpose
        }
    }

    /// A sentence saying what is wrong and what to do.
    public var message: String {
        switch reason {
        case .invalidJurisdictionCode(let text):
            "'\(text)' is not a jurisdiction code: use an ISO 3166-1 country such as DE, an ISO 3166-2 subdivision such as US-CA, or 'unknown'."
        case .invalidPurpose(let text):
            "'\(text)' is not a purpose identifier: use 1 to 64 lower-case letters, digits and hyphens, such as dispute-resolution."
        }
    }

    /// A jurisdiction code that is not ISO 3166-1 alpha-2, ISO 3166-2 or `unknown`.
    public static func invalidJurisdictionCode(_ text: String) -> CoreError {
        CoreError(.invalidJurisdictionCode(text))
    }
    /// A purpose identifier with characters other than lower-case letters, digits and hyphens.
    public static func invalidPurpose(_ text: String) -> CoreError { CoreError(.invalidPurpose(text)) }
    /// The code for ``invalidJurisdictionCode(_:)``, for `catch CoreError.invalidJurisdictionCode`.
    public static let invalidJurisdictionCode = Code.invalidJurisdictionCode
    /// The code for ``invalidPurpose(_:)``, for `catch CoreError.invalidPurpose`.
    public static let invalidPurpose = Code.invalidPurpose
}
