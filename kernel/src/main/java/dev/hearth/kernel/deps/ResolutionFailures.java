package dev.hearth.kernel.deps;

import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ChecksumFailureException;
import org.eclipse.aether.transfer.RepositoryOfflineException;
import org.eclipse.aether.transfer.TransferCancelledException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns the resolver's long exceptions into one short line: what, why, and where it looked. */
final class ResolutionFailures {

    private ResolutionFailures() {
    }

    static DependencyException of(MavenRequest request, List<RemoteRepository> repositories, Path localRepository,
                                  boolean offline, Exception failure) {
        List<Throwable> chain = causes(failure);
        String what = chain.stream().map(ResolutionFailures::artifactOf).filter(a -> a != null)
                .map(MavenRequest::coordinates).findFirst().orElse(request.describe());
        String where = offline
                ? "offline: only the local repository " + localRepository + " was tried"
                : "tried " + repositories.stream().map(r -> r.getId() + " (" + r.getUrl() + ")").collect(Collectors.joining(", "))
                + " and the local repository " + localRepository;
        return new DependencyException("could not resolve " + what + ": " + reason(chain, offline) + "; " + where
                + ". Nothing was added.", failure);
    }

    private static String reason(List<Throwable> chain, boolean offline) {
        if (has(chain, TransferCancelledException.class)) {
            return "interrupted";
        }
        if (has(chain, ChecksumFailureException.class)) {
            return "checksum failure (the download does not match the repository's checksum)";
        }
        if (offline || has(chain, RepositoryOfflineException.class)) {
            return "not in the local repository (offline mode; run without --offline to download)";
        }
        if (has(chain, UnknownHostException.class) || has(chain, ConnectException.class)
                || has(chain, NoRouteToHostException.class) || has(chain, SocketTimeoutException.class)) {
            return "no network (a repository could not be reached; use --offline to work from the local repository)";
        }
        if (has(chain, ArtifactNotFoundException.class)) {
            return "not found (check the coordinates and the version)";
        }
        Throwable last = chain.get(chain.size() - 1);
        String message = last.getMessage() == null ? last.getClass().getSimpleName() : last.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    private static Artifact artifactOf(Throwable t) {
        if (t instanceof ArtifactResolutionException e) {
            for (ArtifactResult r : e.getResults()) {
                if (!r.isResolved()) {
                    return r.getRequest().getArtifact();
                }
            }
        }
        if (t instanceof ArtifactDescriptorException e) {
            return e.getResult().getRequest().getArtifact();
        }
        return null;
    }

    private static boolean has(List<Throwable> chain, Class<? extends Throwable> kind) {
        return chain.stream().anyMatch(kind::isInstance);
    }

    /** Every cause, and the exceptions the resolver collected along the way (which are not causes). */
    private static List<Throwable> causes(Throwable top) {
        List<Throwable> all = new ArrayList<>();
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        collect(top, all, seen);
        return all;
    }

    private static void collect(Throwable t, List<Throwable> all, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return;
        }
        all.add(t);
        if (t instanceof ArtifactResolutionException e) {
            e.getResults().forEach(r -> r.getExceptions().forEach(x -> collect(x, all, seen)));
        } else if (t instanceof ArtifactDescriptorException e) {
            e.getResult().getExceptions().forEach(x -> collect(x, all, seen));
        } else if (t instanceof org.eclipse.aether.collection.DependencyCollectionException e) {
            e.getResult().getExceptions().forEach(x -> collect(x, all, seen));
        } else if (t instanceof org.eclipse.aether.resolution.DependencyResolutionException e && e.getResult() != null
                && e.getResult().getCollectExceptions() != null) {
            e.getResult().getCollectExceptions().forEach(x -> collect(x, all, seen));
        }
        collect(t.getCause(), all, seen);
        for (Throwable s : t.getSuppressed()) {
            collect(s, all, seen);
        }
    }
}
