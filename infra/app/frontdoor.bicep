// Optional Azure Front Door (Standard) in front of the function app, to serve the collector from the shop's own
// subdomain (first-party cookies). Flex Consumption cannot hold certificates; Front Door's managed certificate can.
// Nothing is cached: every request, cookie and header is forwarded to the app.

param profileName string

param endpointName string

param tags object

@description('Default host name of the function app (the origin).')
param originHostName string

@description('Custom domain, e.g. track.example.com. Empty: only the *.azurefd.net endpoint.')
param customDomain string = ''

@description('Path of the collector\'s hits (/api/{Pipeline__Collector__RoutePrefix}/h).')
param collectorHitPath string = '/api/s/h'

// The app limits each client address itself (Pipeline__RateLimits__*: 10/s for hits, 50/s for ingest). These edge
// rules sit above those numbers, so they only stop a flood before it reaches (and wakes, and bills) the app.
@description('Requests per minute one client address may send to the collector before Front Door answers 429.')
param collectorRequestsPerMinute int = 1200

@description('Requests per minute one client address may send to the server API and the webhooks.')
param ingestRequestsPerMinute int = 6000

var hasCustomDomain = !empty(customDomain)

resource profile 'Microsoft.Cdn/profiles@2024-02-01' = {
  name: profileName
  location: 'global'
  tags: tags
  sku: {
    name: 'Standard_AzureFrontDoor'
  }
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2024-02-01' = {
  parent: profile
  name: endpointName
  location: 'global'
  tags: tags
  properties: {
    enabledState: 'Enabled'
  }
}

resource originGroup 'Microsoft.Cdn/profiles/originGroups@2024-02-01' = {
  parent: profile
  name: 'functions'
  // No health probe: with a single origin there is nowhere to fail over to, and probes would keep waking a
  // scale-to-zero app for nothing.
  properties: {
    loadBalancingSettings: {
      sampleSize: 4
      successfulSamplesRequired: 3
      additionalLatencyInMilliseconds: 50
    }
    sessionAffinityState: 'Disabled'
  }
}

resource origin 'Microsoft.Cdn/profiles/originGroups/origins@2024-02-01' = {
  parent: originGroup
  name: 'function-app'
  properties: {
    hostName: originHostName
    originHostHeader: originHostName
    httpPort: 80
    httpsPort: 443
    priority: 1
    weight: 1000
    enabledState: 'Enabled'
    enforceCertificateNameCheck: true
  }
}

resource domain 'Microsoft.Cdn/profiles/customDomains@2024-02-01' = if (hasCustomDomain) {
  parent: profile
  name: replace(customDomain, '.', '-')
  properties: {
    hostName: customDomain
    tlsSettings: {
      certificateType: 'ManagedCertificate'
      minimumTlsVersion: 'TLS12'
    }
  }
}

resource route 'Microsoft.Cdn/profiles/afdEndpoints/routes@2024-02-01' = {
  parent: endpoint
  name: 'all'
  dependsOn: [
    origin
  ]
  properties: {
    originGroup: {
      id: originGroup.id
    }
    customDomains: hasCustomDomain ? [{ id: domain.id }] : []
    supportedProtocols: [
      'Http'
      'Https'
    ]
    patternsToMatch: [
      '/*'
    ]
    forwardingProtocol: 'HttpsOnly'
    httpsRedirect: 'Enabled'
    linkToDefaultDomain: 'Enabled'
    enabledState: 'Enabled'
  }
}

// Custom rules (rate limits among them) are part of the Standard tier; managed rule sets need Premium.
resource wafPolicy 'Microsoft.Network/FrontDoorWebApplicationFirewallPolicies@2024-02-01' = {
  name: '${replace(profileName, '-', '')}waf'
  location: 'global'
  tags: tags
  sku: {
    name: 'Standard_AzureFrontDoor'
  }
  properties: {
    policySettings: {
      enabledState: 'Enabled'
      mode: 'Prevention'
      customBlockResponseStatusCode: 429
    }
    customRules: {
      rules: [
        {
          name: 'CollectorHitsPerClient'
          priority: 100
          enabledState: 'Enabled'
          ruleType: 'RateLimitRule'
          rateLimitDurationInMinutes: 1
          rateLimitThreshold: collectorRequestsPerMinute
          groupBy: [
            {
              variableName: 'SocketAddr'
            }
          ]
          matchConditions: [
            {
              matchVariable: 'RequestUri'
              operator: 'Contains'
              negateCondition: false
              matchValue: [
                collectorHitPath
              ]
              transforms: [
                'Lowercase'
              ]
            }
          ]
          action: 'Block'
        }
        {
          name: 'IngestPerClient'
          priority: 110
          enabledState: 'Enabled'
          ruleType: 'RateLimitRule'
          rateLimitDurationInMinutes: 1
          rateLimitThreshold: ingestRequestsPerMinute
          groupBy: [
            {
              variableName: 'SocketAddr'
            }
          ]
          matchConditions: [
            {
              matchVariable: 'RequestUri'
              operator: 'Contains'
              negateCondition: false
              matchValue: [
                '/api/events'
                '/api/webhooks/'
              ]
              transforms: [
                'Lowercase'
              ]
            }
          ]
          action: 'Block'
        }
      ]
    }
  }
}

resource securityPolicy 'Microsoft.Cdn/profiles/securityPolicies@2024-02-01' = {
  parent: profile
  name: 'rate-limits'
  properties: {
    parameters: {
      type: 'WebApplicationFirewall'
      wafPolicy: {
        id: wafPolicy.id
      }
      associations: [
        {
          domains: concat([{ id: endpoint.id }], hasCustomDomain ? [{ id: domain.id }] : [])
          patternsToMatch: [
            '/*'
          ]
        }
      ]
    }
  }
}

output endpointHostName string = endpoint.properties.hostName
@description('Value of the TXT record _dnsauth.<customDomain> that proves you own the domain. Empty without one.')
output customDomainValidationToken string = hasCustomDomain
  ? domain!.properties.validationProperties.validationToken
  : ''
