/// The JSON `callvault inspect --json` prints (keys from Commands/Inspect.swift, part of the
/// tool's interface).
struct InspectReport: Decodable {
    struct Media: Decodable, Equatable {
        var encoding: String
        var sampleRate: Int
        var channels: Int
    }

    struct Context: Decodable, Equatable {
        var tenant: String
        var callID: String
        var channelLayout: [String]
        var startTime: String?
    }

    var authenticated: Bool
    var formatVersion: Int
    var algorithm: String
    var recordingID: String
    var mediaFormat: Media?
    var durationSeconds: Double?
    var segmentSize: Int
    var headerLength: Int
    var sealedSegmentLength: Int
    var segmentCount: Int
    var complete: Bool
    var lastSegmentPresent: Bool
    var trailingBytes: Int
    var plaintextLength: UInt64
    var declaredPlaintextLength: UInt64?
    var context: Context
    var recipients: [String]
    var keyCommitment: String
}
