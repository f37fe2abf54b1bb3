namespace Pipeline.Match.Graph;

/// <summary>One row of the identities table: a visitor linked to an identity key.</summary>
/// <param name="Key">The partition: <c>em:{hash}</c>, <c>ph:{hash}</c>, <c>xid:{hash}</c> or <c>link:{externalVisitorId}</c>.</param>
public sealed record IdentityLink(string Key, string VisitorId, DateTimeOffset? LinkedAt);
