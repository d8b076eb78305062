// The app's one identity: host storage, connector tables and telemetry are all reached with it.

@description('User-assigned managed identity name.')
param name string

@description('Region of the identity.')
param location string

@description('Tags applied to the identity.')
param tags { *: string }

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output name string = identity.name
output clientId string = identity.properties.clientId
