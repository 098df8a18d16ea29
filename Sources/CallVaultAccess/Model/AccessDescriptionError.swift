public import CallVaultCore

/// An error reading the JSON description of a principal (``Principal/init(json:)``) or of a
/// recording's access attributes (``RecordingAccessAttributes/init(json:)``), naming the line and
/// the field at fault.
///
/// ```swift
/// do {
///     let principal = try Principal(json: text)
/// } catch {
///     print(error)  // Principal line 4: "rolse" is not a field here; the fields are id, roles, ...
/// }
/// ```
public struct AccessDescriptionError: CallVaultError, Equatable {
    /// The stable codes of ``AccessDescriptionError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = AccessDescriptionError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// A principal or recording access description is malformed, lacks a field, has an unknown field or an invalid value; ``AccessDescriptionError/problem`` says which.
        public static let invalid = Code("accessdescription.invalid")

        /// Every code of this type.
        public static let all: [Code] = [invalid]
    }

    /// The code of every ``AccessDescriptionError``, for `catch AccessDescriptionError.invalid`.
    public static let invalid = Code.invalid

    /// Which kind of description was being read.
    public enum Document: String, Hashable, Sendable {
        /// A principal.
        case principal
        /// A recording's access attributes.
        case recording
    }

    /// The kind of description.
    public let document: Document
    /// What is wrong, in the same terms as a policy file's errors (malformed JSON, a missing or
    /// unknown field, an invalid value), with its line.
    public let problem: AccessPolicyError

    /// Describes an error in a description.
    public init(document: Document, problem: AccessPolicyError) {
        self.document = document
        self.problem = problem
    }

    /// The line of the file at fault, when known.
    public var line: Int? { problem.line }

    /// What kind of failure this is: always ``Code/invalid``.
    public var code: Code { .invalid }

    /// The error that caused this one: the ``problem`` found, in the terms of a policy file.
    public var underlying: (any Error)? { problem }

    /// A sentence naming the kind of file, the line and what to fix.
    public var message: String {
        problem.sentence(document: document == .principal ? "Principal" : "Recording")
    }
}
