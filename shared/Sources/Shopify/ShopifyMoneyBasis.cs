namespace Pipeline.Sources.Shopify;

/// <summary>Which of an order's two currencies the value is reported in.</summary>
public enum ShopifyMoneyBasis
{
    /// <summary>What the buyer paid (<c>presentment_money</c>): what the ad platform's own pixel saw on the thank-you page.</summary>
    Presentment,

    /// <summary>The shop's accounting currency (<c>shop_money</c>).</summary>
    Shop,
}
