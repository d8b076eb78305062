// Every role assignment, each at the narrowest scope Azure allows for what it is for:
//  - the app's identity: Storage Blob Data Owner on the host account (the host creates and uses its
//    own containers there, and the platform reads the deployment package with this identity);
//    Storage Table Data Reader on each connector table itself, not the account; Monitoring Metrics
//    Publisher on the Application Insights component.
//  - the deploying principal, when given: Storage Table Data Contributor on each connector table,
//    so the admin CLI can load connectors and issue keys with DefaultAzureCredential.
// Role definition ids are Azure's built-in ones (learn.microsoft.com, "Azure built-in roles").

@description('The app\'s user-assigned identity.')
param identityName string

@description('The account holding the host\'s state and the deployment package.')
param hostStorageAccountName string

@description('The account holding the connectors\' tables.')
param dataStorageAccountName string

@description('The connectors\' tables (Connectors, ApiKeys).')
param tableNames string[]

@description('Application Insights component the app sends telemetry to.')
param applicationInsightsName string

@description('Object id of the deploying user or service principal; empty grants it nothing.')
param deployerPrincipalId string

@description('Kind of the deploying principal.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param deployerPrincipalType string

var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageTableDataReader: '76199698-9eea-4c19-bc75-cec21354c6b6'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource hostStorage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: hostStorageAccountName
}

resource dataStorage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: dataStorageAccountName

  resource tableService 'tableServices' existing = {
    name: 'default'
  }
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-01-01' existing = [
  for tableName in tableNames: {
    parent: dataStorage::tableService
    name: tableName
  }
]

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource appHostBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostStorage.id, identity.id, roles.storageBlobDataOwner)
  scope: hostStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appTableReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (tableName, i) in tableNames: {
    name: guid(tables[i].id, identity.id, roles.storageTableDataReader)
    scope: tables[i]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataReader)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
      description: 'Connectors API reads ${tableName}'
    }
  }
]

resource appMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource deployerTableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (tableName, i) in tableNames: if (!empty(deployerPrincipalId)) {
    name: guid(tables[i].id, deployerPrincipalId, roles.storageTableDataContributor)
    scope: tables[i]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
      principalId: deployerPrincipalId
      principalType: deployerPrincipalType
      description: 'Operator loads ${tableName} with the admin CLI'
    }
  }
]
