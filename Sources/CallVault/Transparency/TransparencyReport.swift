public import CallVaultConsent
public import CallVaultCore
public import CallVaultRetention
public import Foundation

/// What a customer is owed about one recording: why it is kept, until when, what they agreed to,
/// who reached it and why, and how to withdraw consent or complain, in their language.
public struct TransparencyReport: Hashable, Sendable {
    /// One access to the recording, allowed or refused.
    public struct Access: Hashable, Sendable {
        /// When.
        public let at: Date
        /// Who.
        public let principal: PrincipalID
        /// What they asked to do (`listen`, `export-legal`...).
        public let action: String
        /// Why.
        public let purpose: Purpose?
        /// Whether it was allowed.
        public let allowed: Bool
    }

    /// The recording.
    public let recordingID: RecordingID
    /// When the call started.
    public let callStartedAt: Date
    /// The purposes the recording is kept for.
    public let purposes: [Purpose]
    /// The earliest it may be deleted.
    public let keptUntil: Date?
    /// The latest it will be deleted (unless held).
    public let deleteBy: Date?
    /// The legal obligations that keep it past a maximum (the organisation's stated period, or a
    /// law's), each with its dates and resolution: why ``deleteBy`` is later than the notice says.
    /// Empty when nothing does.
    public let keptLongerByLaw: [RetentionConflict]
    /// Whether a legal hold keeps it for now.
    public let isHeld: Bool
    /// The customer's consent receipts (what they were told and answered).
    public let receipts: [SignedConsentReceipt]
    /// The consents the customer gave after the call to purposes they were not told of on it, and
    /// any they withdrew since, oldest first, each signed by the organisation so the customer can
    /// check it: why ``purposes`` holds more than the call's notice named.
    public let laterConsents: [SignedLaterConsentReceipt]
    /// Every access decision about it, oldest first.
    public let accesses: [Access]
    /// The organisation's written notice (purposes, retention, audiences, how to withdraw and
    /// complain), rendered in the report's language from the reviewed templates.
    public let notice: RenderedDisclosure
    /// The whole report as text, in the notice's language.
    public let text: String
}
