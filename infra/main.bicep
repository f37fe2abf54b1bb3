// The pipeline in Azure: `azd up` creates the resource group and everything in it, then deploys ./functions.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('Region for every resource. Pick one that offers Flex Consumption.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Principal running the deployment (AZURE_PRINCIPAL_ID); gets storage data roles to inspect queues and tables. Empty: none.')
param principalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('Resource group name. Empty: rg-<environmentName>.')
param resourceGroupName string = ''

@description('Queue the collector and webhooks write canonical events to; its poison queue is created too.')
param eventsQueueName string = 'events'

@description('Queue of matched events waiting to be sent; its poison queue is created too.')
param deliveriesQueueName string = 'deliveries'

@description('Tables the pipeline uses, created with tablePrefix in front of each name.')
param tableNames string[] = [
  'ledger'
  'outbox'
  'visitors'
  'clicks'
  'identities'
  'ingest'
  'circuits'
]

@description('Letters or digits put in front of every table name, to share one account between installs.')
param tablePrefix string = ''

@description('Memory per Flex Consumption instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Ceiling on Flex Consumption instances: also a ceiling on cost and on load sent to the platforms.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Concurrent HTTP requests (collector, webhooks) per instance before Flex adds one.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int = 16

@description('HTTP instances kept warm to avoid cold starts on the collector. 0: scale to zero (cheapest).')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstances int = 0

@description('Shopify shop domain (example.myshopify.com) the Shopify webhook secret belongs to.')
param shopifyShopDomain string = ''

@description('More app settings (destinations, source options). Values may contain {keyVaultName}.')
param extraAppSettings object = {}

@secure()
@description('API key for the server-to-server ingest API.')
param pipelineApiKey string = ''

@secure()
@description('Operator key for the status page, replay and erasure endpoints.')
param operatorKey string = ''

@secure()
@description('Shopify app\'s webhook signing secret.')
param shopifyWebhookSecret string = ''

@secure()
@description('Stripe webhook endpoint signing secret (whsec_…).')
param stripeWebhookSecret string = ''

@secure()
@description('Meta Conversions API access token.')
param metaAccessToken string = ''

@secure()
@description('TikTok Events API access token.')
param tiktokAccessToken string = ''

@secure()
@description('Pinterest Conversions API access token.')
param pinterestAccessToken string = ''
@description('Snapchat Conversions API token.')
param snapchatAccessToken string = ''

@secure()
@description('Google Ads API developer token.')
param googleAdsDeveloperToken string = ''

@secure()
@description('Google Ads OAuth refresh token.')
param googleAdsRefreshToken string = ''

@secure()
@description('GA4 Measurement Protocol API secret.')
param ga4ApiSecret string = ''

@description('E-mail address for alerts. Empty: alerts show in the portal only.')
param alertEmail string = ''

@description('Put Azure Front Door in front of the app (for a first-party custom domain).')
param enableFrontDoor bool = false

@description('Custom domain served through Front Door, e.g. track.example.com. Needs enableFrontDoor.')
param customDomain string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
// Names are known before deployment (not read from module outputs), so what-if can predict every resource.
var names = {
  functionApp: '${abbrs.webSitesFunctions}${resourceToken}'
  plan: '${abbrs.webServerFarms}${resourceToken}'
  identity: '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
  storage: '${abbrs.storageStorageAccounts}${resourceToken}'
  deploymentContainer: 'app-package-${resourceToken}'
  logAnalytics: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
  applicationInsights: '${abbrs.insightsComponents}${resourceToken}'
  keyVault: '${abbrs.keyVaultVaults}${resourceToken}'
  alerts: '${abbrs.insightsScheduledQueryRules}${resourceToken}'
  workbook: '${abbrs.insightsWorkbooks}${resourceToken}'
  frontDoor: '${abbrs.cdnProfiles}${resourceToken}'
  frontDoorEndpoint: '${abbrs.cdnProfilesEndpoints}${resourceToken}'
}

// Secret names in Key Vault: the same names are used by extraAppSettings references.
var secretNames = {
  pipelineApiKey: 'pipeline-api-key'
  operatorKey: 'pipeline-operator-key'
  shopifyWebhookSecret: 'shopify-webhook-secret'
  stripeWebhookSecret: 'stripe-webhook-secret'
  metaAccessToken: 'meta-access-token'
  tiktokAccessToken: 'tiktok-access-token'
  pinterestAccessToken: 'pinterest-access-token'
  snapchatAccessToken: 'snapchat-access-token'
  googleAdsDeveloperToken: 'google-ads-developer-token'
  googleAdsRefreshToken: 'google-ads-refresh-token'
  ga4ApiSecret: 'ga4-api-secret'
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    queueNames: [
      eventsQueueName
      '${eventsQueueName}-poison'
      deliveriesQueueName
      '${deliveriesQueueName}-poison'
    ]
    tableNames: [for table in tableNames: '${tablePrefix}${table}']
    deploymentContainerName: names.deploymentContainer
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
    secrets: {
      '${secretNames.pipelineApiKey}': pipelineApiKey
      '${secretNames.operatorKey}': operatorKey
      '${secretNames.shopifyWebhookSecret}': shopifyWebhookSecret
      '${secretNames.stripeWebhookSecret}': stripeWebhookSecret
      '${secretNames.metaAccessToken}': metaAccessToken
      '${secretNames.tiktokAccessToken}': tiktokAccessToken
      '${secretNames.pinterestAccessToken}': pinterestAccessToken
      '${secretNames.snapchatAccessToken}': snapchatAccessToken
      '${secretNames.googleAdsDeveloperToken}': googleAdsDeveloperToken
      '${secretNames.googleAdsRefreshToken}': googleAdsRefreshToken
      '${secretNames.ga4ApiSecret}': ga4ApiSecret
    }
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  dependsOn: [
    identity
    storage
    keyVault
    monitoring
  ]
  params: {
    storageAccountName: names.storage
    keyVaultName: names.keyVault
    applicationInsightsName: names.applicationInsights
    appIdentityName: names.identity
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
}

module functions 'app/functions.bicep' = {
  name: 'functions'
  scope: rg
  // Roles first: the app reads its deployment package, queues and secrets with them from its first start.
  dependsOn: [
    storage
    keyVault
    rbac
  ]
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: names.storage
    deploymentContainerName: names.deploymentContainer
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    keyVaultName: names.keyVault
    vaultSecretNames: {
      pipelineApiKey: empty(pipelineApiKey) ? '' : secretNames.pipelineApiKey
      operatorKey: empty(operatorKey) ? '' : secretNames.operatorKey
      shopifyWebhookSecret: empty(shopifyWebhookSecret) ? '' : secretNames.shopifyWebhookSecret
      stripeWebhookSecret: empty(stripeWebhookSecret) ? '' : secretNames.stripeWebhookSecret
    }
    eventsQueueName: eventsQueueName
    deliveriesQueueName: deliveriesQueueName
    tablePrefix: tablePrefix
    shopifyShopDomain: shopifyShopDomain
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    httpPerInstanceConcurrency: httpPerInstanceConcurrency
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    extraAppSettings: extraAppSettings
  }
}

module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    namePrefix: names.alerts
    location: location
    tags: tags
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    alertEmail: alertEmail
  }
}

module workbook 'app/workbook.bicep' = {
  name: 'workbook'
  scope: rg
  dependsOn: [
    monitoring
  ]
  params: {
    name: names.workbook
    location: location
    tags: tags
    applicationInsightsName: names.applicationInsights
  }
}

module frontDoor 'app/frontdoor.bicep' = if (enableFrontDoor) {
  name: 'frontdoor'
  scope: rg
  params: {
    profileName: names.frontDoor
    endpointName: names.frontDoorEndpoint
    tags: tags
    originHostName: functions.outputs.defaultHostName
    customDomain: customDomain
  }
}

var functionAppBaseUrl = 'https://${functions.outputs.defaultHostName}'
// The collector belongs on the shop's own domain when there is one; webhooks may go straight to the app.
var collectorBaseUrl = enableFrontDoor && !empty(customDomain) ? 'https://${customDomain}' : functionAppBaseUrl

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functions.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_FUNCTION_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
output FUNCTION_APP_HOSTNAME string = functions.outputs.defaultHostName
output SHOPIFY_WEBHOOK_URL string = '${functionAppBaseUrl}/api/webhooks/shopify'
output STRIPE_WEBHOOK_URL string = '${functionAppBaseUrl}/api/webhooks/stripe'
output COLLECTOR_SNIPPET_URL string = '${collectorBaseUrl}/api/s/s.js'
output FRONT_DOOR_HOSTNAME string = enableFrontDoor ? frontDoor!.outputs.endpointHostName : ''
output CUSTOM_DOMAIN_VALIDATION_TOKEN string = enableFrontDoor ? frontDoor!.outputs.customDomainValidationToken : ''
