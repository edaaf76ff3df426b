package dev.missions.schemas.serde;

import dev.missions.schemas.SchemaCatalog;
import io.apicurio.registry.resolver.client.RegistryArtifactReference;
import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.resolver.client.RegistryVersionCoordinates;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * A schema registry answered from the {@link SchemaCatalog} instead of a server, for tests and the
 * local stack. Content id and global id are the catalog id, which every process computes alike.
 * It implements an Apicurio-internal interface, so the serde version is pinned and tested.
 */
public final class CatalogRegistryClient implements RegistryClientFacade {

    static final String GROUP = "missions";

    private final SchemaCatalog catalog;

    public CatalogRegistryClient(SchemaCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<RegistryVersionCoordinates> searchVersionsByContent(String schemaString, String artifactType,
            ArtifactReference reference, boolean canonical) {
        Schema schema = new Schema.Parser().parse(schemaString);
        long id = SchemaCatalog.idOf(schema);
        if (catalog.byId(id).isEmpty()) {
            throw unknown("schema " + schema.getFullName() + " (id " + id + ")");
        }
        return List.of(RegistryVersionCoordinates.create(id, id, GROUP, schema.getFullName(), String.valueOf(id)));
    }

    @Override
    public String getSchemaByContentId(Long contentId) {
        return schemaText(contentId);
    }

    @Override
    public String getSchemaByGlobalId(long globalId, boolean dereferenced) {
        return schemaText(globalId);
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByContentId(long contentId) {
        return List.of();
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByGlobalId(long globalId) {
        return List.of();
    }

    @Override
    public String getSchemaByGAV(String groupId, String artifactId, String version) {
        throw unsupported("lookup by group/artifact/version");
    }

    @Override
    public String getSchemaByContentHash(String contentHash) {
        throw unsupported("lookup by content hash");
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByGAV(String groupId, String artifactId, String version) {
        return List.of();
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByContentHash(String contentHash) {
        return List.of();
    }

    @Override
    public RegistryVersionCoordinates createSchema(String artifactType, String groupId, String artifactId, String version,
            String autoCreate, boolean canonical, String schemaString, Set<RegistryArtifactReference> references) {
        throw unknown("schema for artifact " + artifactId);
    }

    @Override
    public RegistryVersionCoordinates getVersionCoordinatesByGAV(String groupId, String artifactId, String version) {
        throw unsupported("lookup by group/artifact/version");
    }

    @Override
    public Object getClient() {
        return null;
    }

    private String schemaText(long id) {
        return catalog.byId(id).map(Schema::toString)
                .orElseThrow(() -> unknown("schema id " + id));
    }

    private static IllegalStateException unknown(String what) {
        return new IllegalStateException(what + " is not in the missions schema catalog; "
                + "add the .avsc to the schemas module or configure apicurio.registry.url");
    }

    private static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException(what + " is not served by the catalog registry");
    }
}
