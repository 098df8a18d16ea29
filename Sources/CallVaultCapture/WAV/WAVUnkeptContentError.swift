public import CallVaultCore

/// A WAV file holds content that a recording of its audio would not keep, and the caller did not
/// agree to drop it.
///
/// Thrown by ``WAVHeader/checkEverythingKept(path:)`` and by ``WAVMediaSource`` (unless created
/// with `droppingUnkeptContent: true`). `callvault seal` reports the same list and takes
/// `--drop-metadata`.
public struct WAVUnkeptContentError: CallVaultError, Equatable {
    /// The stable codes of ``WAVUnkeptContentError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = WAVUnkeptContentError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The WAV file holds content besides its audio and format that a recording would not keep.
        public static let unkeptContent = Code("wavunkeptcontent.unkept-content")

        /// Every code of this type.
        public static let all: [Code] = [unkeptContent]
    }

    /// The code of every ``WAVUnkeptContentError``, for `catch WAVUnkeptContentError.unkeptContent`.
    public static let unkeptContent = Code.unkeptContent

    /// The file concerned.
    public let path: String
    /// Everything it holds that a recording would not keep, in file order.
    public let details: [WAVUnkeptDetail]

    /// Creates an error.
    public init(path: String, details: [WAVUnkeptDetail]) {
        self.path = path
        self.details = details
    }

    /// What kind of failure this is: always ``Code/unkeptContent``.
    public var code: Code { .unkeptContent }

    /// Nothing underlies this error: always `nil`.
    public var underlying: (any Error)? { nil }

    /// A sentence naming the file, each part that would be lost, and what to do.
    public var message: String {
        "'\(path)' holds content a recording of its audio does not keep: "
            + details.map(\.description).joined(separator: "; ")
            + ". A recording keeps only the samples and their format: agree to drop the rest, or re-export the "
            + "audio without it."
    }
}

extension WAVHeader {
    /// Checks that a recording of this file's audio keeps everything in it.
    ///
    /// - Parameter path: the file's name or path, for the error.
    /// - Throws: ``WAVUnkeptContentError`` listing ``unkeptFormatDetails`` when there are any.
    public func checkEverythingKept(path: String) throws {
        guard unkeptFormatDetails.isEmpty else {
            throw WAVUnkeptContentError(path: path, details: unkeptFormatDetails)
        }
    }
}
