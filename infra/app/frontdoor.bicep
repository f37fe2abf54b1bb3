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

output endpointHostName string = endpoint.properties.hostName
@description('Value of the TXT record _dnsauth.<customDomain> that proves you own the domain. Empty without one.')
output customDomainValidationToken string = hasCustomDomain
  ? domain!.properties.validationProperties.validationToken
  : ''
