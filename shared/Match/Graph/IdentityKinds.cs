namespace Pipeline.Match.Graph;

/// <summary>Prefixes of the identities table's partition keys.</summary>
public static class IdentityKinds
{
    /// <summary>Hashed e-mail (<see cref="Pipeline.Identity.IdentityKeys.EmailKey"/>).</summary>
    public const string Email = "em";

    /// <summary>Hashed phone (<see cref="Pipeline.Identity.IdentityKeys.PhoneKey"/>).</summary>
    public const string Phone = "ph";

    /// <summary>Hashed external id (<see cref="Pipeline.Identity.IdentityKeys.ExternalIdKey"/>).</summary>
    public const string ExternalId = "xid";

    /// <summary>A shop-supplied visitor id (<c>shopify-checkout:…</c>, <c>shopify-customer:…</c>, a Shopify clientId).</summary>
    public const string Link = "link";

    public static string PartitionOf(string kind, string key) => $"{kind}:{key}";
}
