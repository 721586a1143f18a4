/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * i18n.c: the message catalog, one row per message with a column per
 * language in enum lang order (es, en, pt).
 */
#include "web/i18n.h"

#include "util/util.h"

static const char *const catalog[MSG__MAX][LANG__MAX] = {
	[MSG_SITE_TAGLINE] = { "Plataforma abierta para encuentros cívicos",
	    "An open platform for civic meetings",
	    "Plataforma aberta para encontros cívicos" },
	[MSG_EVENTS] = { "Encuentros", "Events", "Encontros" },
	[MSG_NO_EVENTS] = { "Todavía no hay encuentros.", "No events yet.",
	    "Ainda não há encontros." },
	[MSG_THEMES] = { "Ejes temáticos", "Themes", "Eixos temáticos" },
	[MSG_THEME] = { "Eje temático", "Theme", "Eixo temático" },
	[MSG_FORMATS] = { "Formatos de sesión", "Session formats",
	    "Formatos de sessão" },
	[MSG_FORMAT] = { "Formato", "Format", "Formato" },
	[MSG_ROOMS] = { "Salas", "Rooms", "Salas" },
	[MSG_ROOM] = { "Sala", "Room", "Sala" },
	[MSG_TIME_GRID] = { "Grilla horaria", "Time grid", "Grade horária" },
	[MSG_DURATION] = { "Duración", "Duration", "Duração" },
	[MSG_SPEAKERS] = { "Oradores", "Speakers", "Palestrantes" },
	[MSG_CAPACITY] = { "Capacidad", "Capacity", "Capacidade" },
	[MSG_INTERPRETATION_BOOTH] = { "Cabina de interpretación",
	    "Interpretation booth", "Cabine de interpretação" },
	[MSG_STEP_FREE] = { "Acceso sin escalones", "Step-free access",
	    "Acesso sem degraus" },
	[MSG_YES] = { "Sí", "Yes", "Sim" },
	[MSG_NO] = { "No", "No", "Não" },
	[MSG_PROPOSALS] = { "Propuestas", "Proposals", "Propostas" },
	[MSG_SPEAKER_COUNT] = { "Oradores", "Speakers", "Palestrantes" },
	[MSG_COUNTRIES] = { "Países", "Countries", "Países" },
	[MSG_PARTICIPANTS] = { "Participantes", "Participants",
	    "Participantes" },
	[MSG_SYNTHETIC_BANNER] = { "Demostración: las propuestas, las "
				   "personas y los participantes de este "
				   "encuentro son datos sintéticos.",
	    "Demonstration: the proposals, people and participants of this "
	    "event are synthetic data.",
	    "Demonstração: as propostas, as pessoas e os participantes deste "
	    "encontro são dados sintéticos." },
	[MSG_SUBTOPICS] = { "Subtemas", "Sub-topics", "Subtemas" },
	[MSG_BACK_TO_EVENT] = { "Volver al encuentro", "Back to the event",
	    "Voltar ao encontro" },
	[MSG_OTHER_THEMES] = { "Otros ejes", "Other themes", "Outros eixos" },
	[MSG_NOT_FOUND_TITLE] = { "Página no encontrada", "Page not found",
	    "Página não encontrada" },
	[MSG_NOT_FOUND_TEXT] = { "No hay nada en esta dirección.",
	    "There is nothing at this address.",
	    "Não há nada neste endereço." },
	[MSG_BAD_REQUEST_TITLE] = { "Solicitud incorrecta", "Bad request",
	    "Requisição inválida" },
	[MSG_BAD_REQUEST_TEXT] = { "La dirección contiene caracteres que no "
				   "podemos leer.",
	    "The address holds characters we cannot read.",
	    "O endereço contém caracteres que não conseguimos ler." },
	[MSG_TOO_LARGE_TITLE] = { "Contenido demasiado grande",
	    "Content too large", "Conteúdo grande demais" },
	[MSG_TOO_LARGE_TEXT] = { "Lo enviado supera el tamaño permitido.",
	    "What was sent is larger than allowed.",
	    "O que foi enviado é maior que o permitido." },
	[MSG_METHOD_TITLE] = { "Método no permitido", "Method not allowed",
	    "Método não permitido" },
	[MSG_METHOD_TEXT] = { "Esta dirección no acepta ese tipo de "
			      "solicitud.",
	    "This address does not accept that kind of request.",
	    "Este endereço não aceita esse tipo de requisição." },
	[MSG_SERVER_ERROR_TITLE] = { "Error del servidor", "Server error",
	    "Erro do servidor" },
	[MSG_SERVER_ERROR_TEXT] = { "Algo falló de nuestro lado. Probá de "
				    "nuevo en un momento.",
	    "Something failed on our side. Please try again in a moment.",
	    "Algo falhou do nosso lado. Tente de novo em instantes." },
	[MSG_LANGUAGE] = { "Idioma", "Language", "Idioma" },
	[MSG_SKIP] = { "Ir al contenido", "Skip to content",
	    "Ir para o conteúdo" },
	[MSG_VENUE] = { "Sede", "Venue", "Local" },
	[MSG_DATES] = { "Fechas", "Dates", "Datas" },
	[MSG_TIMEZONE] = { "Zona horaria", "Time zone", "Fuso horário" },
	[MSG_HOME] = { "Inicio", "Home", "Início" },
	[MSG_SLOT_SESSION] = { "Sesiones paralelas", "Parallel sessions",
	    "Sessões paralelas" },
	[MSG_SLOT_PLENARY] = { "Plenaria", "Plenary", "Plenária" },
	[MSG_SLOT_BREAK] = { "Pausa", "Break", "Intervalo" },
	[MSG_TIME] = { "Horario", "Time", "Horário" },
	[MSG_ACTIVITY] = { "Actividad", "Activity", "Atividade" },
	[MSG_FOOTER_SOFTWARE] = { "cabildo es software libre (AGPL-3.0).",
	    "cabildo is free software (AGPL-3.0).",
	    "cabildo é software livre (AGPL-3.0)." },
	[MSG_FOOTER_DATA] = { "Datos abiertos bajo la licencia",
	    "Open data under the licence", "Dados abertos sob a licença" },
	[MSG_PROPOSALS_IN_THEME] = { "propuestas recibidas en este eje",
	    "proposals received under this theme",
	    "propostas recebidas neste eixo" },
	[MSG_AT_A_GLANCE] = { "En cifras", "At a glance", "Em números" },
	[MSG_MINUTES] = { "min", "min", "min" },
	[MSG_SHARES_SLOT] = { "comparten sala y horario",
	    "share a room and slot", "compartilham sala e horário" },
	[MSG_SEE_THEME] = { "Ver el eje", "See the theme", "Ver o eixo" },
	/* accounts, roles and the call for proposals (issue 3) */
	[MSG_FORM_ERRORS] = { "Hay que corregir lo siguiente",
	    "Please correct the following", "Corrija o seguinte" },
	[MSG_AUTH_SIGNUP] = { "Crear una cuenta", "Create an account",
	    "Criar uma conta" },
	[MSG_AUTH_LOGIN] = { "Ingresar", "Log in", "Entrar" },
	[MSG_AUTH_LOGOUT] = { "Salir", "Log out", "Sair" },
	[MSG_AUTH_ACCOUNT] = { "Tu cuenta", "Your account", "Sua conta" },
	[MSG_AUTH_NAME] = { "Nombre", "Name", "Nome" },
	[MSG_AUTH_EMAIL] = { "Correo electrónico", "E-mail address", "E-mail" },
	[MSG_AUTH_PASSWORD] = { "Contraseña", "Password", "Senha" },
	[MSG_AUTH_NEW_PASSWORD] = { "Nueva contraseña", "New password",
	    "Nova senha" },
	[MSG_AUTH_PASSWORD_HINT] = { "Al menos 10 caracteres.",
	    "At least 10 characters.", "Pelo menos 10 caracteres." },
	[MSG_AUTH_BAD_NAME] = { "Escribí tu nombre (hasta 200 caracteres).",
	    "Enter your name (up to 200 characters).",
	    "Digite seu nome (até 200 caracteres)." },
	[MSG_AUTH_BAD_EMAIL] = { "Escribí una dirección de correo válida, como nombre@ejemplo.org.",
	    "Enter a valid e-mail address, like name@example.org.",
	    "Digite um e-mail válido, como nome@exemplo.org." },
	[MSG_AUTH_BAD_LOGIN] = { "El correo o la contraseña no son correctos.",
	    "The e-mail address or the password is wrong.",
	    "O e-mail ou a senha estão incorretos." },
	[MSG_AUTH_NOT_CONFIRMED] = { "Primero confirmá tu dirección con el enlace que te enviamos por correo.",
	    "First confirm your address with the link we mailed you.",
	    "Primeiro confirme seu endereço com o link que enviamos por e-mail." },
	[MSG_AUTH_HAVE_ACCOUNT] = { "¿Ya tenés cuenta? Ingresá",
	    "Already have an account? Log in", "Já tem conta? Entre" },
	[MSG_AUTH_FORGOT] = { "¿Olvidaste tu contraseña?",
	    "Forgot your password?", "Esqueceu sua senha?" },
	[MSG_AUTH_CHECK_MAIL_TITLE] = { "Revisá tu correo", "Check your e-mail",
	    "Verifique seu e-mail" },
	[MSG_AUTH_CHECK_MAIL_TEXT] = { "Te enviamos un enlace para confirmar tu dirección. Abrilo para activar tu cuenta.",
	    "We sent you a link to confirm your address. Open it to activate your account.",
	    "Enviamos um link para confirmar seu endereço. Abra-o para ativar sua conta." },
	[MSG_AUTH_CONFIRMED_TITLE] = { "Dirección confirmada",
	    "Address confirmed", "Endereço confirmado" },
	[MSG_AUTH_CONFIRMED_TEXT] = { "Tu cuenta está activa.",
	    "Your account is active.", "Sua conta está ativa." },
	[MSG_AUTH_BAD_TOKEN] = { "El enlace no es válido, ya se usó o venció. Pedí uno nuevo.",
	    "The link is invalid, already used or expired. Ask for a new one.",
	    "O link é inválido, já foi usado ou expirou. Peça um novo." },
	[MSG_AUTH_RESET_TITLE] = { "Cambiar la contraseña",
	    "Reset your password", "Redefinir a senha" },
	[MSG_AUTH_RESET_SEND] = { "Enviar el enlace", "Send the link",
	    "Enviar o link" },
	[MSG_AUTH_RESET_SENT] = { "Si hay una cuenta con esa dirección, le enviamos un enlace para cambiar la contraseña.",
	    "If an account has that address, we sent it a link to reset the password.",
	    "Se houver uma conta com esse endereço, enviamos um link para redefinir a senha." },
	[MSG_AUTH_RESET_DONE_TITLE] = { "Contraseña cambiada",
	    "Password changed", "Senha alterada" },
	[MSG_AUTH_RESET_DONE_TEXT] = { "Ya podés ingresar con tu nueva contraseña.",
	    "You can now log in with your new password.",
	    "Agora você pode entrar com sua nova senha." },
	[MSG_AUTH_FORBIDDEN_TITLE] = { "Acceso denegado", "Access denied",
	    "Acesso negado" },
	[MSG_AUTH_FORBIDDEN_TEXT] = { "Tu cuenta no tiene permiso para ver esta página.",
	    "Your account may not see this page.",
	    "Sua conta não tem permissão para ver esta página." },
	[MSG_AUTH_CSRF_TEXT] = { "El formulario venció o no vino de este sitio. Volvé a la página y envialo de nuevo.",
	    "The form expired or did not come from this site. Go back to the page and send it again.",
	    "O formulário expirou ou não veio deste site. Volte à página e envie de novo." },
	[MSG_AUTH_TOO_MANY_TITLE] = { "Demasiados intentos",
	    "Too many attempts", "Tentativas demais" },
	[MSG_AUTH_TOO_MANY_TEXT] = { "Hubo demasiados intentos. Esperá unos minutos y probá de nuevo.",
	    "There were too many attempts. Wait a few minutes and try again.",
	    "Houve tentativas demais. Aguarde alguns minutos e tente de novo." },
	[MSG_AUTH_CONFLICT_TITLE] = { "No se puede hacer ahora",
	    "Cannot be done now", "Não é possível agora" },
	[MSG_MAIL_CONFIRM_SUBJECT] = { "Confirmá tu dirección en cabildo",
	    "Confirm your address on cabildo",
	    "Confirme seu endereço no cabildo" },
	[MSG_MAIL_CONFIRM_TEXT] = { "Para activar tu cuenta, abrí este enlace (vale 7 días):",
	    "To activate your account, open this link (valid for 7 days):",
	    "Para ativar sua conta, abra este link (válido por 7 dias):" },
	[MSG_MAIL_EXISTS_SUBJECT] = { "Ya tenés una cuenta en cabildo",
	    "You already have a cabildo account",
	    "Você já tem uma conta no cabildo" },
	[MSG_MAIL_EXISTS_TEXT] = { "Alguien intentó crear una cuenta con esta dirección, que ya tiene una. Si fuiste vos, ingresá o cambiá la contraseña en /account/reset.",
	    "Someone tried to create an account with this address, which already has one. If it was you, log in or reset your password at /account/reset.",
	    "Alguém tentou criar uma conta com este endereço, que já tem uma. Se foi você, entre ou redefina a senha em /account/reset." },
	[MSG_MAIL_RESET_SUBJECT] = { "Cambiar tu contraseña de cabildo",
	    "Reset your cabildo password", "Redefinir sua senha do cabildo" },
	[MSG_MAIL_RESET_TEXT] = { "Para elegir una contraseña nueva, abrí este enlace (vale una hora):",
	    "To choose a new password, open this link (valid for one hour):",
	    "Para escolher uma nova senha, abra este link (válido por uma hora):" },
	[MSG_MAIL_INVITE_SUBJECT] = { "Te invitaron a una propuesta en cabildo",
	    "You were invited to a proposal on cabildo",
	    "Você foi convidado para uma proposta no cabildo" },
	[MSG_MAIL_INVITE_TEXT] = { "Te sumaron como co-oradora o co-orador de esta propuesta:",
	    "You were added as a co-speaker of this proposal:",
	    "Você foi incluído como co-palestrante desta proposta:" },
	[MSG_CFP_TITLE] = { "Convocatoria de propuestas", "Call for proposals",
	    "Chamada de propostas" },
	[MSG_CFP_MINE] = { "Mis propuestas", "My proposals",
	    "Minhas propostas" },
	[MSG_CFP_NONE] = { "Todavía no tenés propuestas.",
	    "You have no proposals yet.", "Você ainda não tem propostas." },
	[MSG_CFP_NEW] = { "Nueva propuesta", "New proposal", "Nova proposta" },
	[MSG_CFP_EDIT] = { "Editar la propuesta", "Edit the proposal",
	    "Editar a proposta" },
	[MSG_CFP_DEADLINE] = { "Cierre", "Closes", "Encerramento" },
	[MSG_CFP_F_TITLE] = { "Título", "Title", "Título" },
	[MSG_CFP_F_ABSTRACT] = { "Resumen", "Abstract", "Resumo" },
	[MSG_CFP_F_ABSTRACT_HINT] = { "Hasta 600 caracteres; se publica si la propuesta es aceptada.",
	    "Up to 600 characters; published if the proposal is accepted.",
	    "Até 600 caracteres; publicado se a proposta for aceita." },
	[MSG_CFP_F_DESCRIPTION] = { "Descripción", "Description", "Descrição" },
	[MSG_CFP_F_FORMAT] = { "Formato", "Format", "Formato" },
	[MSG_CFP_F_THEME] = { "Eje temático principal", "Main theme",
	    "Eixo temático principal" },
	[MSG_CFP_F_SECONDARY] = { "Ejes secundarios (hasta 3)",
	    "Secondary themes (up to 3)", "Eixos secundários (até 3)" },
	[MSG_CFP_F_LANGUAGE] = { "Idioma de la sesión",
	    "Language of the session", "Idioma da sessão" },
	[MSG_CFP_F_INTERP] = { "Necesita interpretación",
	    "Needs interpretation", "Precisa de interpretação" },
	[MSG_CFP_F_COSPEAKERS] = { "Co-oradores (un correo por línea)",
	    "Co-speakers (one e-mail per line)",
	    "Co-palestrantes (um e-mail por linha)" },
	[MSG_CFP_F_COSPEAKERS_HINT] = { "Les enviamos una invitación por correo.",
	    "We send each an invitation by e-mail.",
	    "Enviamos a cada um um convite por e-mail." },
	[MSG_CFP_CHOOSE] = { "Elegí una opción", "Choose one",
	    "Escolha uma opção" },
	[MSG_CFP_SAVE_DRAFT] = { "Guardar borrador", "Save draft",
	    "Salvar rascunho" },
	[MSG_CFP_SUBMIT] = { "Enviar la propuesta", "Submit the proposal",
	    "Enviar a proposta" },
	[MSG_CFP_WITHDRAW] = { "Retirar la propuesta", "Withdraw the proposal",
	    "Retirar a proposta" },
	[MSG_CFP_REQUIRED] = { "Este campo es obligatorio.",
	    "This field is required.", "Este campo é obrigatório." },
	[MSG_CFP_TOO_LONG] = { "El texto es demasiado largo.",
	    "The text is too long.", "O texto é longo demais." },
	[MSG_CFP_BAD_CHOICE] = { "Elegí una de las opciones de la lista.",
	    "Choose one of the options in the list.",
	    "Escolha uma das opções da lista." },
	[MSG_CFP_BAD_SECONDARY] = { "Hasta 3 ejes secundarios, distintos del principal.",
	    "Up to 3 secondary themes, other than the main one.",
	    "Até 3 eixos secundários, diferentes do principal." },
	[MSG_CFP_SPEAKER_COUNT] = { "Número de oradores (con vos) que admite este formato:",
	    "Number of speakers (you included) this format takes:",
	    "Número de palestrantes (incluindo você) que este formato aceita:" },
	[MSG_CFP_DUP_SPEAKER] = { "Hay una dirección repetida o es la tuya:",
	    "An address is repeated or is your own:",
	    "Um endereço está repetido ou é o seu:" },
	[MSG_CFP_BAD_SPEAKER] = { "Esta dirección de correo no es válida:",
	    "This e-mail address is not valid:",
	    "Este endereço de e-mail não é válido:" },
	[MSG_CFP_CLOSED] = { "La convocatoria está cerrada: ya no se pueden enviar ni editar propuestas.",
	    "The call is closed: proposals can no longer be sent or edited.",
	    "A chamada está encerrada: não é mais possível enviar ou editar propostas." },
	[MSG_CFP_SAVED] = { "Borrador guardado.", "Draft saved.",
	    "Rascunho salvo." },
	[MSG_CFP_SUBMITTED] = { "Propuesta enviada. Podés editarla hasta el cierre.",
	    "Proposal submitted. You can edit it until the call closes.",
	    "Proposta enviada. Você pode editá-la até o encerramento." },
	[MSG_CFP_WITHDRAWN] = { "Propuesta retirada.", "Proposal withdrawn.",
	    "Proposta retirada." },
	[MSG_CFP_STATUS] = { "Estado", "Status", "Situação" },
	[MSG_STATUS_DRAFT] = { "Borrador", "Draft", "Rascunho" },
	[MSG_STATUS_SUBMITTED] = { "Enviada", "Submitted", "Enviada" },
	[MSG_STATUS_ACCEPTED] = { "Aceptada", "Accepted", "Aceita" },
	[MSG_STATUS_REJECTED] = { "No aceptada", "Not accepted", "Não aceita" },
	[MSG_STATUS_WAITLISTED] = { "En lista de espera", "Waitlisted",
	    "Em lista de espera" },
	[MSG_STATUS_WITHDRAWN] = { "Retirada", "Withdrawn", "Retirada" },
	[MSG_STATUS_CONFIRMED] = { "Confirmada", "Confirmed", "Confirmada" },
	[MSG_PROP_LIST] = { "Propuestas recibidas", "Proposals received",
	    "Propostas recebidas" },
	[MSG_PROP_FILTER] = { "Filtrar", "Filter", "Filtrar" },
	[MSG_PROP_SEARCH] = { "Buscar en el texto", "Search the text",
	    "Buscar no texto" },
	[MSG_PROP_ANY] = { "Todos", "Any", "Todos" },
	[MSG_PROP_MATCHES] = { "propuestas coinciden", "proposals match",
	    "propostas correspondem" },
	[MSG_PROP_BY] = { "Por", "By", "Por" },
	[MSG_PROP_EXPORT] = { "Exportar", "Export", "Exportar" },
	[MSG_PROP_SECTOR] = { "Sector", "Sector", "Setor" },
	[MSG_PROP_COUNTRY] = { "País", "Country", "País" },
	[MSG_PROP_GENDER] = { "Género", "Gender", "Gênero" },
	[MSG_PROFILE_TITLE] = { "Tu perfil", "Your profile", "Seu perfil" },
	[MSG_PROFILE_ORGANISATION] = { "Organización", "Organisation",
	    "Organização" },
	[MSG_PROFILE_GENDER_HINT] = { "Opcional; con tus palabras. Solo lo ven quienes organizan, para equilibrar el programa.",
	    "Optional; in your own words. Only organisers see it, to balance the programme.",
	    "Opcional; com suas palavras. Só quem organiza vê, para equilibrar o programa." },
	[MSG_PROFILE_LANGUAGES] = { "Idiomas que hablás", "Languages you speak",
	    "Idiomas que você fala" },
	[MSG_PROFILE_BIO] = { "Biografía breve", "Short bio",
	    "Biografia breve" },
	[MSG_PROFILE_BIO_HINT] = { "Hasta 2000 caracteres. Admite Markdown (enlaces, *énfasis*, listas).",
	    "Up to 2000 characters. Markdown works (links, *emphasis*, lists).",
	    "Até 2000 caracteres. Aceita Markdown (links, *ênfase*, listas)." },
	[MSG_PROFILE_PREVIEW] = { "Así se ve tu biografía",
	    "How your bio looks", "Assim fica sua biografia" },
	[MSG_PROFILE_SAVE] = { "Guardar el perfil", "Save the profile",
	    "Salvar o perfil" },
	[MSG_PROFILE_SAVED] = { "Perfil guardado.", "Profile saved.",
	    "Perfil salvo." },
	[MSG_PROFILE_DATA] = { "Tus datos", "Your data", "Seus dados" },
	[MSG_PROFILE_EXPORT] = { "Descargar mis datos (JSON)",
	    "Download my data (JSON)", "Baixar meus dados (JSON)" },
	[MSG_PROFILE_DELETE] = { "Borrar mi cuenta", "Delete my account",
	    "Excluir minha conta" },
	[MSG_PROFILE_DELETE_HINT] = { "Borra tu cuenta y tus datos personales. Las propuestas ya enviadas quedan, sin tu nombre.", "Deletes your account and personal data. Proposals already sent remain, without your name.", "Exclui sua conta e seus dados pessoais. As propostas já enviadas ficam, sem seu nome." },
	[MSG_PROFILE_DELETED] = { "Tu cuenta fue borrada.",
	    "Your account was deleted.", "Sua conta foi excluída." },
	[MSG_SECTOR_GOVERNMENT] = { "Gobierno", "Government", "Governo" },
	[MSG_SECTOR_LEGISLATURE] = { "Poder legislativo", "Legislature",
	    "Poder legislativo" },
	[MSG_SECTOR_JUDICIARY] = { "Poder judicial", "Judiciary",
	    "Poder judiciário" },
	[MSG_SECTOR_CIVIL_SOCIETY] = { "Sociedad civil", "Civil society",
	    "Sociedade civil" },
	[MSG_SECTOR_ACADEMIA] = { "Academia", "Academia", "Academia" },
	[MSG_SECTOR_PRIVATE] = { "Sector privado", "Private sector",
	    "Setor privado" },
	[MSG_SECTOR_MULTILATERAL] = { "Organismo multilateral",
	    "Multilateral organisation", "Organismo multilateral" },
	[MSG_SECTOR_OTHER] = { "Otro", "Other", "Outro" },
	[MSG_PROP_HISTORY] = { "Historial de cambios", "History of changes",
	    "Histórico de alterações" },
	[MSG_CFP_INVITATIONS] = { "Invitaciones como co-oradora o co-orador",
	    "Invitations as a co-speaker", "Convites como co-palestrante" },
	[MSG_CFP_ACCEPT] = { "Aceptar", "Accept", "Aceitar" },
	[MSG_CFP_DECLINE] = { "Rechazar", "Decline", "Recusar" },
	[MSG_CFP_ACCEPTED] = { "Aceptaste esta invitación.",
	    "You accepted this invitation.", "Você aceitou este convite." },
	[MSG_CFP_DECLINED] = { "Rechazaste esta invitación.",
	    "You declined this invitation.", "Você recusou este convite." },
	/* the published agenda and open data (issue 5) */
	[MSG_AG_AGENDA] = { "Programa", "Agenda", "Programação" },
	[MSG_AG_LIST] = { "Lista", "List", "Lista" },
	[MSG_AG_GRID] = { "Grilla", "Grid", "Grade" },
	[MSG_AG_VIEW] = { "Vista", "View", "Visualização" },
	[MSG_AG_DAYS] = { "Días", "Days", "Dias" },
	[MSG_AG_FILTERS] = { "Filtros", "Filters", "Filtros" },
	[MSG_AG_ALL] = { "Todos", "All", "Todos" },
	[MSG_AG_SEARCH] = { "Buscar", "Search", "Buscar" },
	[MSG_AG_SEARCH_HINT] = { "Título, orador o resumen",
	    "Title, speaker or abstract", "Título, palestrante ou resumo" },
	[MSG_AG_APPLY] = { "Aplicar", "Apply", "Aplicar" },
	[MSG_AG_CLEAR] = { "Quitar filtros", "Clear filters",
	    "Limpar filtros" },
	[MSG_AG_NO_SESSIONS] = { "No hay sesiones que coincidan.",
	    "No sessions match.", "Nenhuma sessão corresponde." },
	[MSG_AG_SESSIONS] = { "sesiones", "sessions", "sessões" },
	[MSG_AG_NOW_NEXT] = { "Ahora y a continuación", "Now and next",
	    "Agora e a seguir" },
	[MSG_AG_NOW] = { "Ahora", "Now", "Agora" },
	[MSG_AG_NEXT] = { "A continuación", "Next", "A seguir" },
	[MSG_AG_NOTHING_NOW] = { "No hay sesiones en curso.",
	    "No session is running.", "Nenhuma sessão em andamento." },
	[MSG_AG_NOTHING_NEXT] = { "No hay más sesiones.", "No more sessions.",
	    "Não há mais sessões." },
	[MSG_AG_OPEN_DATA] = { "Datos abiertos", "Open data", "Dados abertos" },
	[MSG_AG_ADD_CALENDAR] = { "Añadir a mi calendario (.ics)",
	    "Add to my calendar (.ics)", "Adicionar ao meu calendário (.ics)" },
	[MSG_AG_STAR] = { "Marcar", "Star", "Marcar" },
	[MSG_AG_UNSTAR] = { "Desmarcar", "Unstar", "Desmarcar" },
	[MSG_AG_ONLY_STARRED] = { "Solo mis sesiones marcadas",
	    "Only my starred sessions", "Só as minhas sessões marcadas" },
	[MSG_AG_STAR_NOTE] = { "Tus marcas quedan en este navegador hasta que te inscribas.", "Your stars stay in this browser until you register.", "As suas marcações ficam neste navegador até você se inscrever." },
	[MSG_AG_MY_AGENDA] = { "Mi agenda", "My agenda", "Minha agenda" },
	[MSG_AG_MY_FEED] = { "Suscribirse a este calendario privado",
	    "Subscribe to this private calendar",
	    "Assinar este calendário privado" },
	[MSG_AG_NO_STARS] = { "Todavía no marcaste sesiones.",
	    "You have not starred any session yet.",
	    "Você ainda não marcou sessões." },
	[MSG_AG_SPEAKER] = { "Orador", "Speaker", "Palestrante" },
	[MSG_AG_SESSIONS_OF] = { "Sesiones", "Sessions", "Sessões" },
	[MSG_AG_ABSTRACT] = { "Resumen", "Abstract", "Resumo" },
	[MSG_AG_WHEN] = { "Cuándo", "When", "Quando" },
	[MSG_AG_TYPE] = { "Tipo", "Type", "Tipo" },
	[MSG_AG_BACK] = { "Volver al programa", "Back to the agenda",
	    "Voltar à programação" },
	[MSG_AG_INTEREST] = { "Interés de los participantes",
	    "Participant interest", "Interesse dos participantes" },
	[MSG_AG_INTEREST_LEAD] = { "Cuántas personas marcaron cada sesión, frente a la capacidad de su sala.", "How many people starred each session, against the capacity of its room.", "Quantas pessoas marcaram cada sessão, frente à capacidade da sala." },
	[MSG_AG_STARS] = { "Marcas", "Stars", "Marcações" },
	[MSG_AG_FILL] = { "Ocupación", "Fill", "Ocupação" },
	[MSG_AG_OVER] = { "sobre la capacidad", "over capacity",
	    "acima da capacidade" },
	[MSG_AG_UNKNOWN] = { "desconocida", "unknown", "desconhecida" },
	[MSG_AG_BY_THEME] = { "Demanda por eje", "Demand by theme",
	    "Demanda por eixo" },
	[MSG_AG_BY_HOUR] = { "Demanda por hora del día",
	    "Demand by time of day", "Demanda por hora do dia" },
	[MSG_AG_PAIRS] = { "Sesiones que muchos quieren juntas",
	    "Sessions many want together", "Sessões que muitos querem juntas" },
	[MSG_AG_PAIRS_LEAD] = { "El optimizador de horarios intenta no ponerlas a la vez.", "The timetable optimiser tries not to put them at the same time.", "O otimizador de horários tenta não colocá-las ao mesmo tempo." },
	[MSG_AG_BOTH] = { "ambas", "both", "ambas" },
	[MSG_AG_REGISTERED] = { "inscritos", "registered", "inscritos" },
	[MSG_AG_STARRING] = { "marcaron al menos una sesión",
	    "starred at least one session", "marcaram ao menos uma sessão" },
	[MSG_AG_NO_INTEREST] = { "Todavía no hay marcas.", "No stars yet.",
	    "Ainda não há marcações." },
	[MSG_AG_CALENDAR] = { "Calendario (iCalendar)", "Calendar (iCalendar)",
	    "Calendário (iCalendar)" },
	[MSG_AG_TABLE] = { "Tabla (CSV)", "Table (CSV)", "Tabela (CSV)" },
	[MSG_AG_PACKAGE] = { "Paquete de datos (Frictionless)",
	    "Data package (Frictionless)", "Pacote de dados (Frictionless)" },
	[MSG_AG_API] = { "API JSON", "JSON API", "API JSON" },
	[MSG_AG_NOT_PLACED] = { "El programa todavía no está publicado.",
	    "The agenda is not published yet.",
	    "A programação ainda não foi publicada." },
	[MSG_AG_SESSION_LANG] = { "Idioma de la sesión", "Session language",
	    "Idioma da sessão" },
	[MSG_AG_HOUR] = { "Hora", "Hour", "Hora" },
	/* the schedule editor (issue 4, timetable optimiser) */
	[MSG_TT_EDITOR_TITLE] = { "Editor del programa", "Schedule editor",
	    "Editor da programação" },
	[MSG_TT_EDITOR_LEAD] = { "Mueva las sesiones entre salas y horarios; "
				 "los conflictos se muestran al instante. "
				 "Los cambios quedan en este navegador: "
				 "copie el plan para aplicarlo.",
	    "Move sessions between rooms and slots; clashes show at once. "
	    "Changes stay in this browser: copy the plan to apply it.",
	    "Mova as sessões entre salas e horários; os conflitos aparecem "
	    "na hora. As mudanças ficam neste navegador: copie o plano para "
	    "aplicá-lo." },
	[MSG_TT_KEYS] = { "Teclado: flechas para mover la sesión enfocada, "
			  "U para deshacer.",
	    "Keyboard: arrow keys move the focused session, U undoes.",
	    "Teclado: setas movem a sessão em foco, U desfaz." },
	[MSG_TT_COSTS] = { "Programa guardado", "Stored timetable",
	    "Programação salva" },
	[MSG_TT_UNPLACED] = { "Sin ubicar", "Unplaced", "Sem lugar" },
	[MSG_TT_CLASHES] = { "Conflictos", "Clashes", "Conflitos" },
	[MSG_TT_NO_CLASH] = { "Sin conflictos.", "No clashes.",
	    "Sem conflitos." },
	[MSG_TT_UNDO] = { "Deshacer", "Undo", "Desfazer" },
	[MSG_TT_PLAN] = { "Copiar el plan (JSON)", "Copy the plan (JSON)",
	    "Copiar o plano (JSON)" },
	[MSG_TT_ROOM_CLASH] = { "dos sesiones en la misma sala y horario",
	    "two sessions in one room and slot",
	    "duas sessões na mesma sala e horário" },
	[MSG_TT_SPEAKER_CLASH] = { "una persona expositora en dos lugares",
	    "a speaker in two places",
	    "uma pessoa palestrante em dois lugares" },
	[MSG_TT_NEEDS] = { "la sala no tiene cabina de interpretación o "
			   "acceso sin escalones",
	    "the room lacks an interpretation booth or step-free access",
	    "a sala não tem cabine de interpretação ou acesso sem degraus" },
	[MSG_TT_CAPACITY] = { "más público esperado que asientos",
	    "more expected audience than seats",
	    "mais público esperado que assentos" },
};

const char *
i18n(enum lang lang, enum msg msg)
{
	const char *s;

	if ((unsigned)msg >= MSG__MAX)
		return "";
	if ((unsigned)lang >= LANG__MAX)
		lang = LANG_EN;
	s = catalog[msg][lang];
	return s != NULL ? s
			 : (catalog[msg][LANG_EN] ? catalog[msg][LANG_EN] : "");
}

bool
i18n_translated(enum lang lang, enum msg msg)
{
	const char *s;

	if ((unsigned)msg >= MSG__MAX || (unsigned)lang >= LANG__MAX)
		return false;
	s = catalog[msg][lang];
	return s != NULL && *s != '\0';
}

static const char *const months[LANG__MAX][12] = {
	{ "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
	    "agosto", "septiembre", "octubre", "noviembre", "diciembre" },
	{ "January", "February", "March", "April", "May", "June", "July",
	    "August", "September", "October", "November", "December" },
	{ "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho",
	    "agosto", "setembro", "outubro", "novembro", "dezembro" },
};

static const char *const weekdays[LANG__MAX][7] = {
	{ "lunes", "martes", "miércoles", "jueves", "viernes", "sábado",
	    "domingo" },
	{ "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	    "Sunday" },
	{ "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira",
	    "sexta-feira", "sábado", "domingo" },
};

static void
ymd(int64_t day, int *y, int *m, int *d)
{
	char s[11];
	int64_t v;

	format_date(day, s);
	s[4] = s[7] = '\0';
	*y = parse_i64(s, 0, 9999, &v) ? (int)v : 0;
	*m = parse_i64(s[5] == '0' ? s + 6 : s + 5, 1, 12, &v) ? (int)v : 1;
	*d = parse_i64(s[8] == '0' ? s + 9 : s + 8, 1, 31, &v) ? (int)v : 1;
}

void
i18n_date_range(struct buf *b, enum lang lang, int64_t first, int64_t last)
{
	int y1, m1, d1, y2, m2, d2;
	const char *of = lang == LANG_EN ? " " : " de ";

	if ((unsigned)lang >= LANG__MAX)
		lang = LANG_EN;
	ymd(first, &y1, &m1, &d1);
	ymd(last, &y2, &m2, &d2);
	if (first == last)
		buf_addf(b, "%d%s%s%s%d", d1, of, months[lang][m1 - 1], of, y1);
	else if (y1 == y2 && m1 == m2)
		buf_addf(b, "%d–%d%s%s%s%d", d1, d2, of, months[lang][m1 - 1],
		    of, y1);
	else if (y1 == y2)
		buf_addf(b, "%d%s%s – %d%s%s%s%d", d1, of, months[lang][m1 - 1],
		    d2, of, months[lang][m2 - 1], of, y2);
	else
		buf_addf(b, "%d%s%s%s%d – %d%s%s%s%d", d1, of,
		    months[lang][m1 - 1], of, y1, d2, of, months[lang][m2 - 1],
		    of, y2);
}

void
i18n_day_heading(struct buf *b, enum lang lang, int64_t day)
{
	int y, m, d;

	if ((unsigned)lang >= LANG__MAX)
		lang = LANG_EN;
	ymd(day, &y, &m, &d);
	if (lang == LANG_EN)
		buf_addf(b, "%s %d %s", weekdays[lang][weekday(day)], d,
		    months[lang][m - 1]);
	else if (lang == LANG_PT)
		buf_addf(b, "%s, %d de %s", weekdays[lang][weekday(day)], d,
		    months[lang][m - 1]);
	else
		buf_addf(b, "%s %d de %s", weekdays[lang][weekday(day)], d,
		    months[lang][m - 1]);
}

void
i18n_time(struct buf *b, int minutes)
{
	buf_addf(b, "%02d:%02d", minutes / 60 % 100, minutes % 60);
}
