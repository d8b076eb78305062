// The SD Elements connectors API on Azure Functions (Flex Consumption), keyless end to end.
// Deploy with `azd up`, or `az deployment sub create --location <region> --template-file infra/main.bicep
// --parameters environmentName=<name> location=<region> principalId=<your object id>`.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('Region of every resource. It must offer Flex Consumption (`az functionapp list-flexconsumption-locations`).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying user or service principal: it gets Storage Table Data Contributor on the two connector tables, for the admin CLI. Empty grants nothing.')
param principalId string = ''

@description('Kind of principalId.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('Most instances the app may scale out to (a cost ceiling as well as a load ceiling).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

// The app's TargetFramework is net10.0 (Functions/Functions.csproj); Flex Consumption runs .NET 10 isolated.
var dotnetVersion = '10.0'

// The service name in azure.yaml: azd deploys to the app tagged azd-service-name with it.
var serviceName = 'api'

// The table names the app reads by default (Connectors.Api.Storage.TableOptions).
var connectorsTableName = 'Connectors'
var apiKeysTableName = 'ApiKeys'

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

var names = {
  resourceGroup: 'rg-${environmentName}'
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  identity: 'id-api-${resourceToken}'
  hostStorage: 'st${resourceToken}'
  dataStorage: 'stdata${resourceToken}'
  plan: 'plan-${resourceToken}'
  functionApp: 'func-api-${resourceToken}'
  deploymentContainer: 'app-package'
}

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
  }
}

module identity 'core/identity/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

// The host's account: its state (keys, locks) and the deployment package. Nothing else lives here.
module hostStorage 'core/storage/storage-account.bicep' = {
  name: 'host-storage'
  scope: rg
  params: {
    name: names.hostStorage
    location: location
    tags: tags
    containerNames: [
      names.deploymentContainer
    ]
  }
}

// The connectors' data: the two tables and nothing else, so no grant made for the host
// (account-wide, by necessity) ever reaches it.
module dataStorage 'core/storage/storage-account.bicep' = {
  name: 'data-storage'
  scope: rg
  params: {
    name: names.dataStorage
    location: location
    tags: tags
    tableNames: [
      connectorsTableName
      apiKeysTableName
    ]
  }
}

module access 'app/access.bicep' = {
  name: 'access'
  scope: rg
  params: {
    identityName: names.identity
    hostStorageAccountName: names.hostStorage
    dataStorageAccountName: names.dataStorage
    tableNames: [
      connectorsTableName
      apiKeysTableName
    ]
    applicationInsightsName: names.applicationInsights
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
  dependsOn: [
    identity
    hostStorage
    dataStorage
    monitoring
  ]
}

module api 'app/function-app.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    serviceName: serviceName
    identityName: names.identity
    hostStorageAccountName: names.hostStorage
    deploymentContainerName: names.deploymentContainer
    dataStorageAccountName: names.dataStorage
    connectorsTableName: connectorsTableName
    apiKeysTableName: apiKeysTableName
    applicationInsightsName: names.applicationInsights
    dotnetVersion: dotnetVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
  // The roles first, so the app's first start can already read its storage.
  dependsOn: [
    access
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output FUNCTION_APP_URL string = api.outputs.uri
output CONNECTORS_TABLE_SERVICE_URI string = dataStorage.outputs.tableEndpoint
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
