/// What the consent engine (or the host) tells the recorder to do, at a position on the call's
/// media timeline. The consent state machine's actions map to these one to one.
public enum GateCommand: Hashable, Sendable, CustomStringConvertible {
    /// Start recording: nothing before this position is ever written.
    case start
    /// Pause: nothing from this position is written until every pause reason is resumed.
    case pause(PauseReason)
    /// Resume after a pause with this reason.
    case resume(PauseReason)
    /// Stop for good: nothing from this position on is written.
    case stop
    /// Silence one track (a party who has not consented yet).
    case exclude(TrackID)
    /// Record one track again.
    case include(TrackID)

    /// A short description, for logs.
    public var description: String {
        switch self {
        case .start: "start"
        case .pause(let reason): "pause (\(reason))"
        case .resume(let reason): "resume (\(reason))"
        case .stop: "stop"
        case .exclude(let track): "exclude \(track)"
        case .include(let track): "include \(track)"
        }
    }
}

/// Why recording is paused. Pauses with different reasons overlap; recording resumes when all
/// have been resumed.
public struct PauseReason: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The reason's name.
    public let name: String

    /// Names a reason.
    public init(_ name: String) {
        self.name = name
    }

    /// Card data is being given (PCI DSS: never record it).
    public static let cardData = PauseReason("card-data")
    /// A party has not consented yet.
    public static let awaitingConsent = PauseReason("awaiting-consent")

    /// The name.
    public var description: String { name }
}
