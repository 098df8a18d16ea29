public import Foundation

/// Who and what a recording belongs to, stored in the authenticated (not encrypted) envelope header.
///
/// The header MAC covers these fields, so a recording cannot be passed off as another tenant's or
/// another call's. They are readable without a key: put identifiers here, never personal data.
public struct EnvelopeContext: Hashable, Sendable {
    /// The host's tenant (contact-center customer) identifier; may be empty.
    public var tenant: String
    /// The host's call identifier; may be empty.
    public var callID: String
    /// What each audio channel holds, in channel order, for example `["agent", "customer"]`.
    public var channelLayout: [String]
    /// When recording started, to the millisecond; `nil` when unknown.
    public var startTime: Date?

    /// Creates a context. Each string may hold up to 1,024 UTF-8 bytes (channel labels 255), and
    /// there may be up to 64 channel labels.
    public init(tenant: String = "", callID: String = "", channelLayout: [String] = [], startTime: Date? = nil) {
        self.tenant = tenant
        self.callID = callID
        self.channelLayout = channelLayout
        self.startTime = startTime
    }
}
