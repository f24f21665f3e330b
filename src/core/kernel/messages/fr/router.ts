/** The router's fixed replies, the plan list, an item shown by id, and the home view. */
export const router = {
  help: [
    '**Boussole** répond à vos questions sur les plans stratégiques de l’académie, avec les sources.',
    '',
    '• Posez une question : « Quelles actions visent les faits numériques dans le Cantal ? »',
    '• « Quels indicateurs pour le harcèlement dans le projet stratégique 2023-2027 ? »',
    '• « Quels sont les critères d’évaluation de l’objectif 1.3 ? »',
    '• `plans` : la liste des plans connus',
    '• `montre ID` : un élément d’un plan (l’id figure dans les sources)',
    '',
    '**Indicateurs**',
    '• Saisir une valeur : « Cantal 2025-2026 : 62,5 % d’élèves groupe 3 faits numériques » (aperçu, puis Confirmer)',
    '• « Où en est le Cantal sur les faits numériques ? », « Qu’est-ce qui est en retard ? », « Quels indicateurs n’ont pas de valeur pour 2025-2026 ? » : valeurs, cibles et échéances',
    '• `fiche faits numériques`, `historique faits numériques cantal`, `graphique faits numériques`',
    '• `à valider` (validateurs), `droits` : vos rôles',
    '• `échéances` : vos prochaines dates de remontée ; `échéance liste` : toutes (les admins ajoutent : `échéance ajouter ID --yearly 06-30 --scope cantal --owner …`)',
    '• `export` : le tableau de suivi en fichier Excel (`export csv`, `export xlsx cantal`), envoyé à vous seul',
  ].join('\n'),
  unknownId: (id: string) =>
    `Je ne connais pas l’élément « ${id} ». Les identifiants figurent dans les sources de mes réponses.`,
  ambiguousId: (id: string) =>
    `Plusieurs éléments ont l’identifiant court « ${id} » : écrivez « montre » suivi de l’identifiant complet.`,
  failure: 'Désolé, je n’ai pas pu traiter votre message. Réessayez dans un instant.',
  /** The database is held by another process (an import, a backup…): it will pass. */
  storeBusy:
    'Désolé, la base de Boussole est occupée par une autre opération (import, sauvegarde…) : rien n’a été enregistré. Réessayez dans une minute.',
  /** The database cannot be written (full disk, read-only or damaged file): someone must act. */
  storeUnwritable:
    'Désolé, Boussole ne peut plus rien enregistrer (disque plein ou base en lecture seule) : rien n’a été enregistré. Prévenez l’administrateur de Boussole ; les questions sur les plans restent possibles.',
  empty: 'Je n’ai pas reçu de texte. Posez une question sur les plans, ou tapez « aide ».',
  thanks: 'Merci pour votre retour : il aide à améliorer les réponses.',
  /** BOUSSOLE_TENANTS does not name the Slack workspace or Teams tenant the message comes from. */
  unknownWorkspace: (where: string) =>
    `Cet espace de travail (${where}) n'est rattaché à aucune académie de ce Boussole : demandez à son administrateur de l'ajouter à BOUSSOLE_TENANTS (par exemple ${where}=clermont-ferrand).`,
  unknownButton: 'Ce bouton n’est plus valide (demande expirée ou déjà traitée). Reformulez votre demande.',
  plans: '**Plans disponibles**',
  more: (n: number) => `… et ${n} autres`,
  home: {
    nextDeadlines: '**Vos prochaines échéances**',
    latestValues: '**Vos dernières valeurs**',
    toReview: (n: number) => `**${n} valeur(s) à valider** : écrivez « à valider ».`,
  },
  /** node:util parseArgs explains a mistake in English; the CLI and chat commands say it here. */
  args: {
    unknownOption: (option: string) => `Option inconnue « ${option} ».`,
    takesNoValue: (option: string) => `L’option ${option} ne prend pas de valeur.`,
    needsValue: (option: string) => `L’option ${option} attend une valeur (par exemple ${option} VALEUR).`,
    unexpected: (argument: string) => `Argument inattendu « ${argument} ».`,
    unreadable: (message: string) => `Arguments illisibles : ${message}`,
  },
};
