/// Which stream a frame belongs to: one per party (the agent, the customer, other participants)
/// and the agent's screen.
///
/// A struct around a name, so hosts can name extra participants (`TrackID("participant-2")`)
/// and new kinds can be added without breaking a `switch`.
public struct TrackID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The track's name.
    public let name: String

    /// Names a track.
    public init(_ name: String) {
        self.name = name
    }

    /// The agent's voice.
    public static let agent = TrackID("agent")
    /// The customer's voice.
    public static let customer = TrackID("customer")
    /// The agent's screen, as encoded images.
    public static let screen = TrackID("screen")

    /// Another participant's voice, numbered from 1.
    public static func participant(_ number: Int) -> TrackID {
        TrackID("participant-\(number)")
    }

    /// The name.
    public var description: String { name }
}
