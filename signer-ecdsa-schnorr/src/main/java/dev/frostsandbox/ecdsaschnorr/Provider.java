package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.signer.ServiceDefinition;

/** Makes this service known to tools in its jar (the demo client) via ServiceLoader. */
public final class Provider implements ServiceDefinition.Provider {
  @Override
  public ServiceDefinition definition() {
    return EcdsaSchnorrService.DEFINITION;
  }
}
