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

    /// A sentence naming the kind of file, the line and what to fix.
    public var description: String {
        problem.sentence(document: document == .principal ? "Principal" : "Recording")
    }
}
