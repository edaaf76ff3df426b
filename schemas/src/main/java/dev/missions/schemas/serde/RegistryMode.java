package dev.missions.schemas.serde;

import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import dev.missions.schemas.SchemaCatalog;
import io.apicurio.registry.resolver.client.RegistryClientFacade;
import java.util.Map;

/** Chooses the registry: Apicurio Registry when {@code apicurio.registry.url} is set, else the built-in catalog. */
final class RegistryMode {

    static final String REGISTRY_URL = "apicurio.registry.url";
    /** Whole schemas, nested types inlined: one artifact per record, the same text the catalog holds. */
    static final String DEREFERENCE = "apicurio.registry.dereference-schema";

    private RegistryMode() {
    }

    static Map<String, Object> withDefaults(Map<String, ?> configs) {
        Map<String, Object> effective = new java.util.HashMap<>(configs);
        effective.putIfAbsent(DEREFERENCE, "true");
        effective.putIfAbsent(AvroSerdeConfig.AVRO_DATUM_PROVIDER, CachingAvroDatumProvider.class.getName());
        return effective;
    }

    /** The catalog facade, or {@code null} to let the Apicurio serde build its own HTTP client. */
    static RegistryClientFacade facadeFor(Map<String, ?> configs) {
        Object url = configs.get(REGISTRY_URL);
        if (url != null && !url.toString().isBlank()) {
            return null;
        }
        return new CatalogRegistryClient(SchemaCatalog.get());
    }
}
