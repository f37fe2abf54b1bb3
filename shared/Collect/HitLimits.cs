namespace Pipeline.Collect;

/// <summary>The limits of the snippet's wire format (docs/collector.md), written once for the parser and the docs.</summary>
public static class HitLimits
{
    /// <summary>Browsers share 64 KiB among all in-flight keepalive bodies, so nothing honest is larger.</summary>
    public const int MaxBodyBytes = 65_536;

    public const int MaxJsonDepth = 16;

    /// <summary>What the snippet puts in one body; a collector may allow a little more.</summary>
    public const int SnippetItemsPerBody = 20;

    public const int MaxUrlLength = 2048;
    public const int MaxClickIdLength = 500;
    public const int MaxCookieLength = 600;
    public const int MaxVisitorIdLength = 64;
    public const int MinVisitorIdLength = 8;
    public const int MaxPageViewIdLength = 64;
    public const int MaxEventNameLength = 64;
    public const int MaxEventIdLength = 128;
    public const int MaxOrderIdLength = 128;
    public const int MaxContents = 100;
    public const int MaxContentIdLength = 128;
    public const int MaxContentNameLength = 256;
    public const int MaxContentQuantity = 1_000_000;
    public const int MaxUtmLength = 256;
    public const int MaxLinkIds = 8;
    public const int MaxLinkIdKeyLength = 32;
    public const int MaxLinkIdValueLength = 128;
    public const int MaxEmailLength = 254;
    public const int MaxPhoneLength = 64;
    public const int MaxExternalIdLength = 256;

    /// <summary>Client timestamps past 9999-12-31 are not dates.</summary>
    public const long MaxClientTimeMs = 253_402_300_799_999;
}
