using System.Text.Json.Nodes;
using Pipeline.Identity;
using Pipeline.IntegrationTests.Fakes;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.IntegrationTests.Sources;
using Pipeline.Ledger;
using Pipeline.Sources.Shopify;
using static Pipeline.IntegrationTests.Sources.ShopifyPayloads;

namespace Pipeline.IntegrationTests.Destinations;

/// <summary>A Shopify order's billing address reaches Google Ads and GA4, hashed where Google asks for a hash.</summary>
public sealed class GoogleAddressTests
{
    [Fact]
    public async Task A_shopify_order_gives_google_ads_and_ga4_the_buyers_address()
    {
        await using var oauth = await FakeGoogleOAuthServer.StartAsync();
        await using var ads = await FakeGoogleAdsServer.StartAsync();
        await using var ga4 = await FakeGa4Server.StartAsync();
        var settings = DestinationSpec.HostSettings(DestinationSpec.GoogleAds(ads, oauth), DestinationSpec.Ga4(ga4));
        foreach (var (key, value) in Settings()) settings[key] = value;
        // No browser visit comes for this order: match it at once instead of waiting for late browser data.
        settings["Pipeline:Match:LateDataRetries"] = "0";
        await using var host = await PipelineHost.StartAsync(settings);
        // Paid a minute ago: inside GA4's 72-hour backdating window as well as Google Ads' 90 days.
        var order = Order();
        var paidAt = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:sszzz");
        order["processed_at"] = paidAt;
        order["created_at"] = paidAt;
        var body = Bytes(order);

        var response = await host.PostShopifyAsync(body, Headers(body, ShopifyTopics.OrdersPaid));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        const string eventId = "purchase_5012345678901";
        await host.WaitForStateAsync(eventId, "google-main", DeliveryState.Delivered);
        await host.WaitForStateAsync(eventId, "ga4-main", DeliveryState.Delivered);
        var firstName = UserDataHasher.Sha256Hex(GoogleNormalizer.FirstName(FirstName)!);
        var lastName = UserDataHasher.Sha256Hex(GoogleNormalizer.LastName(LastName)!);

        var conversion = JsonNode.Parse(Assert.Single(ads.Succeeded).Body)!["conversions"]![0]!;
        var addressInfo = conversion["userIdentifiers"]!.AsArray().Single(i => i!["addressInfo"] is not null)!["addressInfo"]!;
        Assert.Equal(firstName, addressInfo["hashedFirstName"]!.GetValue<string>());
        Assert.Equal(lastName, addressInfo["hashedLastName"]!.GetValue<string>());
        Assert.Equal("CA", addressInfo["countryCode"]!.GetValue<string>());
        Assert.Equal(Zip, addressInfo["postalCode"]!.GetValue<string>());

        var address = JsonNode.Parse(Assert.Single(ga4.Requests).Body)!["user_data"]!["address"]![0]!;
        Assert.Equal(firstName, address["sha256_first_name"]!.GetValue<string>());
        Assert.Equal(lastName, address["sha256_last_name"]!.GetValue<string>());
        Assert.Equal(UserDataHasher.Sha256Hex(GoogleNormalizer.Street(Street)!), address["sha256_street"]!.GetValue<string>());
        Assert.Equal("ottawa", address["city"]!.GetValue<string>());
        Assert.Equal("on", address["region"]!.GetValue<string>());
        Assert.Equal(Zip, address["postal_code"]!.GetValue<string>());
        Assert.Equal("CA", address["country"]!.GetValue<string>());

        foreach (var plain in new[] { FirstName, LastName, Street })
        {
            Assert.DoesNotContain(plain, ads.Succeeded[0].Body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(plain, ga4.Requests[0].Body, StringComparison.OrdinalIgnoreCase);
        }
    }
}
