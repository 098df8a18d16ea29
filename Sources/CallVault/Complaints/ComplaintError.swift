public import CallVaultCore

/// What the complaints desk reports.
public struct ComplaintError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``ComplaintError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = ComplaintError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// A required field is empty.
        public static let missingField = Code("complaint.missing-field")
        /// The step does not follow from the case's state.
        public static let invalidTransition = Code("complaint.invalid-transition")
        /// The closure's reviewer is the handler.
        public static let reviewerIsHandler = Code("complaint.reviewer-is-handler")
        /// No complaint with this id.
        public static let notFound = Code("complaint.not-found")
        /// The complaint was changed by someone else meanwhile.
        public static let changedMeanwhile = Code("complaint.changed-meanwhile")
        /// The recording is not linked to the complaint, or the complaint is closed.
        public static let notLinked = Code("complaint.not-linked")

        /// Every code of this type.
        public static let all: [Code] = [
            missingField, invalidTransition, reviewerIsHandler, notFound, changedMeanwhile, notLinked,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
        /// A required field is empty.
        case missingField(String)
        /// The step does not follow from the case's state.
        case invalidTransition(ComplaintID, from: Complaint.State, to: Complaint.State)
        /// The closure's reviewer is the handler.
        case reviewerIsHandler(PrincipalID)
        /// No complaint with this id.
        case notFound(ComplaintID)
        /// The complaint was changed by someone else meanwhile.
        case changedMeanwhile(ComplaintID)
        /// The recording is not linked to the complaint, or the complaint is closed.
        case notLinked(ComplaintID, RecordingID)
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
        case .missingField: .missingField
        case .invalidTransition: .invalidTransition
        case .reviewerIsHandler: .reviewerIsHandler
        case .notFound: .notFound
        case .changedMeanwhile: .changedMeanwhile
        case .notLinked: .notLinked
        }
    }

    /// What went wrong and what to do.
    public var message: String {
        switch reason {
        case .missingField(let field) where field == "outcome":
            "The complaint's outcome is empty; give the outcome (or the reason for rejecting it) that was told to the customer."
        case .missingField(let field):
            "The complaint's \(field) is empty; record what the customer said and how it came in."
        case .invalidTransition(let id, let from, let to) where from == to:
            "Complaint \(id) is already \(from.rawValue)."
        case .invalidTransition(let id, let from, let to):
            "Complaint \(id) is \(from.rawValue) and cannot become \(to.rawValue); received -> investigating -> resolved or rejected."
        case .reviewerIsHandler(let principal):
            "\(principal) handled the complaint and cannot also review its closure; ask a second person."
        case .notFound(let id):
            "There is no complaint \(id); list the open complaints to find it."
        case .changedMeanwhile(let id):
            "Complaint \(id) was changed by someone else meanwhile; reload it and try again."
        case .notLinked(let id, let recording):
            "Complaint \(id) does not give access to recording \(recording): dispute-resolution access is only for a complaint's own recordings, and only while it is open (received or investigating)."
        }
    }

    /// A required field is empty.
    public static func missingField(_ text: String) -> ComplaintError { ComplaintError(.missingField(text)) }
    /// The code for ``missingField(_:)``, for `catch ComplaintError.missingField`.
    public static let missingField = Code.missingField

    /// The step does not follow from the case's state.
    public static func invalidTransition(_ complaintID: ComplaintID, from: Complaint.State, to: Complaint.State)
        -> ComplaintError
    { ComplaintError(.invalidTransition(complaintID, from: from, to: to)) }
    /// The code for ``invalidTransition(_:from:to:)``, for `catch ComplaintError.invalidTransition`.
    public static let invalidTransition = Code.invalidTransition

    /// The closure's reviewer is the handler.
    public static func reviewerIsHandler(_ principalID: PrincipalID) -> ComplaintError {
        ComplaintError(.reviewerIsHandler(principalID))
    }
    /// The code for ``reviewerIsHandler(_:)``, for `catch ComplaintError.reviewerIsHandler`.
    public static let reviewerIsHandler = Code.reviewerIsHandler

    /// No complaint with this id.
    public static func notFound(_ complaintID: ComplaintID) -> ComplaintError { ComplaintError(.notFound(complaintID)) }
    /// The code for ``notFound(_:)``, for `catch ComplaintError.notFound`.
    public static let notFound = Code.notFound

    /// The complaint was changed by someone else meanwhile.
    public static func changedMeanwhile(_ complaintID: ComplaintID) -> ComplaintError {
        ComplaintError(.changedMeanwhile(complaintID))
    }
    /// The code for ``changedMeanwhile(_:)``, for `catch ComplaintError.changedMeanwhile`.
    public static let changedMeanwhile = Code.changedMeanwhile

    /// The recording is not linked to the complaint, or the complaint is closed.
    public static func notLinked(_ complaintID: ComplaintID, _ recordingID: RecordingID) -> ComplaintError {
        ComplaintError(.notLinked(complaintID, recordingID))
    }
    /// The code for ``notLinked(_:_:)``, for `catch ComplaintError.notLinked`.
    public static let notLinked = Code.notLinked
}
