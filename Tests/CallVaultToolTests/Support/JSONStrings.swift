import Foundation

/// A JSON value where only strings matter.
enum AnyDecodable: Decodable, Equatable {
    case string(String)
    case other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = (try? container.decode(String.self)).map(Self.string) ?? .other
    }
}
