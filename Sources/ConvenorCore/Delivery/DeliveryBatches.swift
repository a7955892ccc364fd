/// Splits the sends of a pass into rate-limited batches, one batch per minute, and each batch into claim windows,
/// each one connection.
///
/// Exchange Online accepts 30 messages per minute per mailbox, hence the default `rate_per_minute: 30`; 0 means the
/// relay sets no limit and everything goes in one batch.
///
/// A window is claimed (committed) as a whole before its connection opens, so it bounds what one crash or fenced
/// leader leaves claimed and how long a new leader works before its first message goes: with a thousand mailings
/// due after an outage and no rate limit, claiming them all first kept every new leader of the failover soak
/// busy claiming until the next fault, and almost nothing went.
package enum DeliveryBatches {
    /// The most messages claimed ahead of the wire: a few seconds of a slow relay, one round trip each to claim.
    package static let claimWindow = 50

    /// `sends` in order, in groups of at most `ratePerMinute` (all in one group when it is 0 or less).
    package static func split<Element>(_ sends: [Element], ratePerMinute: Int) -> [[Element]] {
        guard !sends.isEmpty else { return [] }
        guard ratePerMinute > 0 else { return [sends] }
        return chunks(sends, of: ratePerMinute)
    }

    /// A batch's claim windows: in order, at most `claimWindow` each.
    package static func windows<Element>(_ batch: [Element]) -> [[Element]] {
        chunks(batch, of: claimWindow)
    }

    private static func chunks<Element>(_ elements: [Element], of size: Int) -> [[Element]] {
        stride(from: 0, to: elements.count, by: size).map { Array(elements[$0..<min($0 + size, elements.count)]) }
    }
}
