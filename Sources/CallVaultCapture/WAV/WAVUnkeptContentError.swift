public import CallVaultCore

/// A WAV file holds content that a recording of its audio would not keep, and the caller did not
/// agree to drop it.
///
/// Thrown by ``WAVHeader/checkEverythingKept(path:)`` and by ``WAVMediaSource`` (unless created
/// with `droppingUnkeptContent: true`). `callvault seal` reports the same list and takes
/// `--drop-metadata`.
public struct WAVUnkeptContentError: CallVaultError, Equatable {
    /// The file concerned.
    public let path: String
    /// Everything it holds that a recording would not keep, in file order.
    public let details: [WAVUnkeptDetail]

    /// Creates an error.
    public init(path: String, details: [WAVUnkeptDetail]) {
        self.path = path
        self.details = details
    }

    /// A sentence naming the file, each part that would be lost, and what to do.
    public var description: String {
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
    public func checkEverythingKept(path: String) throws(WAVUnkeptContentError) {
        guard unkeptFormatDetails.isEmpty else {
            throw WAVUnkeptContentError(path: path, details: unkeptFormatDetails)
        }
    }
}
