public import CallVaultCore

/// What the complaints desk reports.
public enum ComplaintError: CallVaultError, Equatable {
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

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case .missingField(let field):
            "The complaint's \(field) is empty; record what the customer said and how it came in."
        case .invalidTransition(let id, let from, let to):
            "Complaint \(id) is \(from.rawValue) and cannot become \(to.rawValue); received -> investigating -> resolved or rejected."
        case .reviewerIsHandler(let principal):
            "\(principal) handled the complaint and cannot also review its closure; ask a second person."
        case .notFound(let id):
            "There is no complaint \(id); list the open complaints to find it."
        case .changedMeanwhile(let id):
            "Complaint \(id) was changed by someone else meanwhile; reload it and try again."
        case .notLinked(let id, let recording):
            "Recording \(recording) is not linked to open complaint \(id); dispute-resolution access is only for the complaint's own recordings while it is open."
        }
    }
}
