public import CallVaultAccess
public import CallVaultCore

/// Someone asking to hear or take a copy of a recording, and why.
public struct PlaybackRequest: Hashable, Sendable {
    /// Who asks (authenticated by the host).
    public var principal: Principal
    /// Listen, download or export for a legal request.
    public var action: AccessAction
    /// Why.
    public var purpose: Purpose
    /// The span wanted, in seconds from the start of the recording; `nil` for all of it.
    public var seconds: Range<Double>?
    /// A written justification (break-glass, unusual requests).
    public var justification: String?
    /// The legal request served (court order, regulator's letter).
    public var legalReference: String?
    /// Principals who approved the request.
    public var approvals: Set<PrincipalID>

    /// Describes a request.
    public init(
        principal: Principal, action: AccessAction = .listen, purpose: Purpose, seconds: Range<Double>? = nil,
        justification: String? = nil, legalReference: String? = nil, approvals: Set<PrincipalID> = []
    ) {
        self.principal = principal
        self.action = action
        self.purpose = purpose
        self.seconds = seconds
        self.justification = justification
        self.legalReference = legalReference
        self.approvals = approvals
    }
}
